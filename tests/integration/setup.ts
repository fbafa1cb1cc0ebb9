import { afterAll, beforeAll } from "vitest";
import { installDatabase, uninstallDatabase } from "@/db/client";
import { seedArticle } from "@/db/seed/seed-article";
import { createTestDatabase } from "../support/test-database";

// Set before anything reads the environment (lib/env caches it per test file).
process.env.MIZAN_ADMIN_EMAILS = "boss@example.test";

// Each test file gets its own migrated and seeded database, installed as the process-wide one the verbs use.
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  const handle = await installDatabase(created.target);
  await seedArticle(handle.db);
});

afterAll(async () => {
  await uninstallDatabase();
  await drop();
});
