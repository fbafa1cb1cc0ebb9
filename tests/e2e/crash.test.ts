import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createMembers } from "@/bench/support/members";
import { findCounterMismatches } from "@/bench/support/recount";
import { makeRandom } from "@/bench/support/write-load";
import { openDatabase, type Database } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { aggregateForecasts } from "@/lib/forecasts/aggregate";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { emptyLedger, writeSteadily, type Ledger, type Member } from "../support/steady-writes";
import { createTestDatabase } from "../support/test-database";

const kills = 10;
const memberCount = 4;
// Kills while the dead server stays an unreaped zombie, and restarts over a stale lock naming a live process.
const unreapedKills = new Set([1, 5, 9]);
const staleLockRestarts = new Set([3, 7]);

const query = async <T>(db: Database, statement: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(statement));

describe("crash durability", () => {
  it(`loses no acknowledged write across ${kills} SIGKILLs under steady writes, and shows nothing half-written`, { timeout: 240_000 }, async () => {
    const postgres = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
    const databaseUrl = postgres ? (postgres.target as { url: string }).url : null;
    const dataDir = mkdtempSync(path.join(tmpdir(), "mizan-crash-"));
    const env = { MIZAN_RATE_LIMITS: "off", AUTH_SECRET: randomBytes(32).toString("hex"), MIZAN_DRAIN_MS: "0" };
    const seed = Date.now() >>> 0;
    const random = makeRandom(seed);
    const zombies: RunningServer[] = [];
    const bystander = spawn("sleep", ["600"], { stdio: "ignore" });
    let server: RunningServer | undefined;
    try {
      server = await startServer({ dataDir, databaseUrl, env });
      const members: Member[] = [];
      for (const token of await createMembers(server.url, memberCount, "crash")) {
        members.push({ token, userId: (await api(server.url + "/api/v1").get("/me", { token })).body.user.id });
      }
      const postId = (await api(server.url + "/api/v1").get("/posts/russia-balance-diplomacy-escalation")).body.post.id as string;

      const ledger = emptyLedger(memberCount);
      let base: string | null = server.url;
      let stop = false;
      const writers = members.map((_, i) => writeSteadily(() => base, postId, members, i, makeRandom(seed + i + 1), () => stop, ledger));
      const failed = Promise.all(writers).then(() => null, (error: unknown) => error);
      const startedAt = Date.now();
      for (let kill = 0; kill < kills; kill++) {
        // A random moment in a stream of writes: some acknowledged on this server, then up to 0.8 s more.
        const before = ledger.acknowledged;
        await expect.poll(() => ledger.acknowledged, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(before + 5);
        await new Promise((resolve) => setTimeout(resolve, random() * 800));
        base = null;
        await server.stop("SIGKILL");
        if (unreapedKills.has(kill)) zombies.push(server);
        if (staleLockRestarts.has(kill)) writeFileSync(path.join(dataDir, "mizan.lock"), String(bystander.pid));
        server = await startServer({ dataDir, databaseUrl, env, unreaped: unreapedKills.has(kill + 1) });
        for (const zombie of zombies) expect(readFileSync(`/proc/${zombie.pid}/stat`, "utf8")).toMatch(/\) Z /);
        base = server.url;
      }
      // Writes go on for a moment on the last server, then stop; every one was acknowledged in the end.
      const before = ledger.acknowledged;
      await expect.poll(() => ledger.acknowledged, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(before + 5);
      stop = true;
      expect(await failed).toBeNull();
      expect(await server.stop("SIGTERM")).toBe(0);
      server = undefined;

      const figures = { engine: databaseUrl ? "PostgreSQL" : "PGlite", seed, kills, zombies: zombies.length, acknowledged: ledger.acknowledged, retried: ledger.retried, scenarios: ledger.scenarios.size, replies: ledger.replies.size, votes: ledger.votes.size, forecasts: ledger.forecasts.flat().length, seconds: Math.round((Date.now() - startedAt) / 1000) };
      console.log("crash durability:", JSON.stringify(figures));
      const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
      try {
        await expectLedgerStored(database.db, postId, members, ledger);
        await expectNothingHalfWritten(database.db, postId);
        await expectCountersRecounted(database.db, postId);
      } finally {
        await database.close();
      }
    } finally {
      if (server) await server.reap();
      for (const zombie of zombies) await zombie.reap();
      bystander.kill("SIGKILL");
      await postgres?.drop();
    }
  });
});

/** Every acknowledged write is in the database, and nothing else by these members: no retry was applied twice. */
async function expectLedgerStored(db: Database, postId: string, members: Member[], ledger: Ledger) {
  const userIds = members.map((member) => member.userId);
  const ids = (table: "scenarios" | "replies") =>
    query<{ id: string }>(db, sql`select id from ${sql.identifier(table)} where post_id = ${postId} and author_id in ${userIds}`).then((rows) => rows.map((row) => row.id).sort());
  expect(await ids("scenarios")).toEqual([...ledger.scenarios.keys()].sort());
  expect(await ids("replies")).toEqual([...ledger.replies].sort());

  const storedVotes = await query<{ user_id: string; scenario_id: string; value: number }>(db, sql`select user_id, scenario_id, value from votes where user_id in ${userIds} and value <> 0`);
  const votes = Object.fromEntries(storedVotes.map((vote) => [`${userIds.indexOf(vote.user_id)}:${vote.scenario_id}`, vote.value]));
  // A retracted vote (0) may stay as a row of value 0 or be no row.
  const expectedVotes = Object.fromEntries([...ledger.votes].filter(([, value]) => value !== 0));
  expect(votes).toEqual(expectedVotes);

  for (const [i, member] of members.entries()) {
    const stored = await query<{ probabilities: Record<string, number>; other: number; created_at: Date | string; is_current: boolean }>(
      db,
      sql`select probabilities, other, created_at, is_current from forecasts where post_id = ${postId} and user_id = ${member.userId} order by created_at`,
    );
    const at = (row: (typeof stored)[number]) => new Date(row.created_at).toISOString();
    const acknowledged = ledger.forecasts[i]!;
    // Each acknowledged forecast is stored as it was answered; the current one is the last acknowledged.
    for (const forecast of acknowledged) expect(stored.find((row) => at(row) === forecast.createdAt)).toMatchObject({ probabilities: forecast.probabilities, other: forecast.other });
    const current = stored.filter((row) => row.is_current);
    expect(current.map(at)).toEqual(acknowledged.length > 0 ? [acknowledged.at(-1)!.createdAt] : []);
  }
}

/** Each created scenario and reply committed with its outbox event, and the post's events are numbered 1..n. */
async function expectNothingHalfWritten(db: Database, postId: string) {
  const orphans = await query<{ kind: string; id: string }>(
    db,
    sql`select 'scenario without event' as kind, s.id from scenarios s where s.post_id = ${postId}
          and not exists (select 1 from events e where e.post_id = s.post_id and e.type = 'scenario.created' and e.data->'scenario'->>'id' = s.id)
        union all
        select 'reply without event', r.id from replies r where r.post_id = ${postId}
          and not exists (select 1 from events e where e.post_id = r.post_id and e.type = 'reply.created' and e.data->'reply'->>'id' = r.id)
        union all
        select 'event without scenario', e.data->'scenario'->>'id' from events e where e.post_id = ${postId} and e.type = 'scenario.created'
          and not exists (select 1 from scenarios s where s.id = e.data->'scenario'->>'id')
        union all
        select 'event without reply', e.data->'reply'->>'id' from events e where e.post_id = ${postId} and e.type = 'reply.created'
          and not exists (select 1 from replies r where r.id = e.data->'reply'->>'id')`,
  );
  expect(orphans).toEqual([]);
  const seqs = (await query<{ seq: number }>(db, sql`select seq::int as seq from events where post_id = ${postId} order by seq`)).map((row) => row.seq);
  const [post] = await query<{ last_seq: number }>(db, sql`select last_seq::int as last_seq from posts where id = ${postId}`);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
  expect(post!.last_seq).toBe(seqs.length);
}

/** Scores, reply and scenario counts equal a recount of their rows; the latest community forecast one of the current forecasts. */
async function expectCountersRecounted(db: Database, postId: string) {
  expect(await findCounterMismatches(db)).toEqual([]);
  const drift = await query<{ id: string; stored: number; counted: number }>(
    db,
    sql`select s.id, s.reply_count as stored, (select count(*)::int from replies r where r.scenario_id = s.id and r.status = 'visible') as counted
          from scenarios s where s.post_id = ${postId}
        union all
        select p.id, p.scenario_count, (select count(*)::int from scenarios s where s.post_id = p.id and s.status = 'visible') from posts p where p.id = ${postId}`,
  );
  expect(drift.filter((row) => row.stored !== row.counted)).toEqual([]);

  const current = await query<{ probabilities: Record<string, number>; other: number; created_at: Date | string }>(db, sql`select probabilities, other, created_at from forecasts where post_id = ${postId} and is_current`);
  const visible = await query<{ id: string; created_at: Date | string }>(db, sql`select id, created_at from scenarios where post_id = ${postId} and status = 'visible'`);
  const recount = aggregateForecasts(
    current.map((row) => ({ at: new Date(row.created_at), probabilities: row.probabilities, other: row.other })),
    visible.map((row) => ({ id: row.id, createdAt: new Date(row.created_at) })),
  );
  const latest = await query<{ scenario_id: string | null; probability: number; forecasters: number }>(
    db,
    sql`select scenario_id, probability, forecasters from community_forecast_points
         where post_id = ${postId} and at = (select max(at) from community_forecast_points where post_id = ${postId})`,
  );
  const recorded = Object.fromEntries(latest.map((point) => [point.scenario_id ?? "other", [point.probability, point.forecasters]]));
  const counted = Object.fromEntries([
    ...Object.entries(recount?.scenarios ?? {}).map(([id, band]) => [id, [band.probability, band.forecasters]]),
    ...(recount ? [["other", [recount.other.probability, recount.forecasters]]] : []),
  ]);
  expect(recorded).toEqual(counted);
}
