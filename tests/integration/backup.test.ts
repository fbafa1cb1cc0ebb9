import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCounterMismatches } from "@/bench/support/recount";
import { backupDatabase, BackupRefused, restoreDatabase, type StoredTarget } from "@/db/backup";
import { getDb, installDatabase, openDatabase, uninstallDatabase, type DatabaseHandle } from "@/db/client";
import { DataDirLocked } from "@/db/data-dir-lock";
import { seedArticle } from "@/db/seed/seed-article";
import { rowsOf } from "@/db/rows";
import { digestTables } from "@/db/table-digest";
import { castVote } from "@/lib/forum/votes";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { createActor } from "../support/actors";
import { seedForum } from "../support/seed-forum";
import { createTestDatabase } from "../support/test-database";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const scratch = mkdtempSync(path.join(tmpdir(), "mizan-backup-"));
const drops: (() => Promise<void>)[] = [];

/** An empty place to restore into: a fresh PostgreSQL database, or a new data directory. */
async function emptyTarget(name: string): Promise<StoredTarget> {
  if (!onPostgres) return { dataDir: path.join(scratch, name) };
  const created = await createTestDatabase();
  drops.push(created.drop);
  return created.target as StoredTarget;
}

describe(`backup and restore on ${onPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  let source: StoredTarget;
  let scenarioIds: string[];
  const opened: DatabaseHandle[] = [];
  const open = async (target: StoredTarget) => {
    const handle = await openDatabase(target);
    opened.push(handle);
    return handle;
  };

  beforeAll(async () => {
    // This process serves the forum from a stored database (a data directory it owns, or its own PostgreSQL database).
    await uninstallDatabase();
    source = await emptyTarget("source");
    await seedArticle((await installDatabase(source)).db);
    ({ scenarioIds } = await seedForum());
  }, 120_000);
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    await uninstallDatabase();
    for (const drop of drops) await drop();
  });

  it("round-trips a seeded discussion taken while the forum runs: every table equal, a non-empty target refused unless --force", { timeout: 120_000 }, async () => {
    const file = path.join(scratch, "quiet.backup");
    expect(await backupDatabase(source, file)).toBeGreaterThan(1000);
    const target = await emptyTarget("quiet");
    await restoreDatabase(target, file);
    const restored = await open(target);
    const expected = await digestTables(await getDb());
    expect(expected.find((t) => t.table === "replies")!.rows).toBe(40);
    expect(await digestTables(restored.db)).toEqual(expected);

    if (onPostgres) {
      await expect(restoreDatabase(target, file)).rejects.toThrow(/The database is not empty/);
      await restoreDatabase(target, file, { force: true });
      expect(await digestTables(restored.db)).toEqual(expected);
    } else {
      await restored.close();
      opened.pop();
      await expect(restoreDatabase(target, file)).rejects.toThrow(BackupRefused);
      await restoreDatabase(target, file, { force: true });
      expect(await digestTables((await open(target)).db)).toEqual(expected);
      // The running forum's own directory is refused even with --force.
      await expect(restoreDatabase(source, file, { force: true })).rejects.toThrow(DataDirLocked);
    }
  });

  it("takes a consistent backup in the middle of writes: counters equal a recount, every post's event seq gapless", { timeout: 120_000 }, async () => {
    const voters = await Promise.all(Array.from({ length: 10 }, () => createActor()));
    const writes = voters.flatMap((voter, v) => scenarioIds.map((scenarioId, s) => castVote(voter, { scenarioId, value: (v + s) % 2 ? 1 : -1 })));
    const file = path.join(scratch, "busy.backup");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await backupDatabase(source, file);
    await Promise.all(writes);
    await flushVoteTotals();
    const target = await emptyTarget("busy");
    await restoreDatabase(target, file);
    const restored = await open(target);
    expect(await findCounterMismatches(restored.db)).toEqual([]);
    const seqs = rowsOf<{ post_id: string; n: number; last: number; counter: number }>(
      await restored.db.execute(sql`
        select e.post_id, count(*)::int as n, max(e.seq)::int as last, p.last_seq::int as counter
          from events e join posts p on p.id = e.post_id group by e.post_id, p.last_seq`),
    );
    expect(seqs.length).toBeGreaterThan(0);
    for (const post of seqs) expect([post.n, post.last]).toEqual([post.counter, post.counter]);
  });

  it("refuses a file that is not a backup", async () => {
    await expect(restoreDatabase(await emptyTarget("junk"), path.join(import.meta.dirname, "backup.test.ts"))).rejects.toThrow(/neither a PGlite backup nor a pg_dump archive/);
  });
});
