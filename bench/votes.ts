/**
 * `npm run bench:votes`: 8 concurrent clients (autocannon, in this process) cast votes through the HTTP API of
 * the production server (a separate process) for 30 s, first spread over many scenarios, then all on one.
 * Each request changes a vote (up, down or retract, cycling per member and scenario). Afterwards every scenario's
 * counters are checked against a recount of the votes table. Runs on PostgreSQL (TEST_DATABASE_URL, or the local
 * server) and on PGlite.
 */
import { openDatabase } from "../db/client";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { api } from "../tests/support/http";
import { startServer, type RunningServer } from "../tests/support/server";
import { createMembers } from "./support/members";
import { findCounterMismatches } from "./support/recount";
import { type BenchDatabase, onEachDatabase, writeLoad } from "./support/write-load";

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const voterCount = Number(process.env.BENCH_VOTERS ?? 200);
const scenarioCount = Number(process.env.BENCH_SCENARIOS ?? 100);

async function prepare(server: RunningServer) {
  const [author] = await createMembers(server.url, 1, "author");
  const voters = await createMembers(server.url, voterCount, "voter");
  const client = api(server.url + "/api/v1");
  const postId = (await client.get("/posts/russia-balance-diplomacy-escalation")).body.post.id as string;
  const scenarioIds: string[] = [];
  for (let i = 0; i < scenarioCount; i++) {
    const created = await client.post(`/posts/${postId}/scenarios`, { title: `Scenario ${i}`, body: `Benchmark scenario ${i}`, x: i % 101, y: (i * 7) % 101 }, { token: author });
    scenarioIds.push(created.body.scenario.id);
  }
  return { voters, scenarioIds };
}

/** Every request is a real change: member m's vote on scenario s steps through 1, -1, 0, 1, … */
function voteRequests(voters: string[], scenarioIds: string[]) {
  const steps = new Map<string, number>();
  const values = [1, -1, 0];
  let n = 0;
  return () => {
    const voter = voters[n % voters.length]!;
    const scenarioId = scenarioIds[Math.floor(n / voters.length) % scenarioIds.length]!;
    n += 1;
    const key = `${voter}:${scenarioId}`;
    const step = steps.get(key) ?? 0;
    steps.set(key, step + 1);
    return { method: "PUT" as const, path: `/api/v1/scenarios/${scenarioId}/vote`, headers: { authorization: `Bearer ${voter}`, "content-type": "application/json" }, body: JSON.stringify({ value: values[step % 3] }) };
  };
}


async function benchOn(label: string, database: BenchDatabase) {
  const server = await startServer({ databaseUrl: database.databaseUrl, env: { MIZAN_RATE_LIMITS: "off", LOG_LEVEL: "info" } });
  try {
    const { voters, scenarioIds } = await prepare(server);
    await writeLoad(server.url, voteRequests(voters, scenarioIds), 3); // warm up
    const spread = await writeLoad(server.url, voteRequests(voters, scenarioIds), seconds);
    const single = await writeLoad(server.url, voteRequests(voters, [scenarioIds[0]!]), Math.max(5, seconds / 2));
    expect0(await server.stop(), label);
    const db = await openDatabase(database.databaseUrl ? { url: database.databaseUrl } : { dataDir: server.dataDir });
    const mismatches = await findCounterMismatches(db.db);
    await db.close();
    const line = (what: string, r: Awaited<ReturnType<typeof writeLoad>>) =>
      `${label.padEnd(10)} ${what.padEnd(14)} ${r.perSecond.toFixed(0).padStart(6)} votes/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`;
    console.log(line("many scenarios", spread));
    console.log(line("one scenario", single));
    console.log(`${label.padEnd(10)} recount        ${mismatches.length === 0 ? "exact: every scenario's up, down and score equal the votes table" : `MISMATCH in ${mismatches.length} scenarios: ${JSON.stringify(mismatches.slice(0, 3))}`}`);
  } finally {
    await server.stop();
    await database.drop();
  }
}

function expect0(code: number | null, label: string) {
  if (code !== 0) throw new Error(`${label} server did not stop cleanly (exit ${code})`);
}

buildIfStale();
console.log(`8 clients, ${seconds} s on ${scenarioCount} scenarios by ${voterCount} members, then all on one scenario`);
await onEachDatabase(benchOn);
