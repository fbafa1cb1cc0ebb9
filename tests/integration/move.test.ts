import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { findCounterMismatches } from "@/bench/support/recount";
import { getDb, installDatabase, openDatabase, uninstallDatabase } from "@/db/client";
import { moveToPostgres } from "@/db/move";
import { seedArticle } from "@/db/seed/seed-article";
import { rowsOf } from "@/db/rows";
import { digestTables } from "@/db/table-digest";
import { seedForum } from "../support/seed-forum";
import { createTestDatabase } from "../support/test-database";

// The move reads an embedded database and writes PostgreSQL: it runs in the PostgreSQL pass of the suite
// (TEST_DATABASE_URL set), where a server to move into exists.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres) console.warn("\n(move.test.ts runs with TEST_DATABASE_URL, in the PostgreSQL pass)\n");

describe.skipIf(!onPostgres)("npm run db:move: PGlite to PostgreSQL", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it("copies a discussion of 200 scenarios and 2,000 replies with ids, counters and event seqs intact, and refuses a non-empty target", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "mizan-move-")), "data");
    await uninstallDatabase();
    await seedArticle((await installDatabase({ dataDir })).db);
    await seedForum({ members: 12, scenarios: 200, replies: 2000 });
    const before = await digestTables(await getDb());
    await uninstallDatabase(); // the server stops: the data directory is free for the move

    const created = await createTestDatabase();
    drops.push(created.drop);
    const url = (created.target as { url: string }).url;
    const result = await moveToPostgres(dataDir, url);
    expect(result.tables.filter((t) => !t.same)).toEqual([]);
    expect(result.tables.find((t) => t.table === "replies")!.rows).toBe(2000);
    expect(result.tables.find((t) => t.table === "scenarios")!.rows).toBe(200);

    const moved = await openDatabase({ url });
    try {
      expect(await digestTables(moved.db)).toEqual(before);
      expect(await findCounterMismatches(moved.db)).toEqual([]);
      const seqs = rowsOf<{ n: number; last: number; counter: number }>(
        await moved.db.execute(sql`
          select count(*)::int as n, max(e.seq)::int as last, p.last_seq::int as counter
            from events e join posts p on p.id = e.post_id group by p.id, p.last_seq`),
      );
      for (const post of seqs) expect([post.n, post.last]).toEqual([post.counter, post.counter]);
    } finally {
      await moved.close();
    }
    await expect(moveToPostgres(dataDir, url)).rejects.toThrow(/is not empty/);
    // Back to a database of its own for the suite's teardown.
    await installDatabase({ memory: true });
  }, 600_000);
});
