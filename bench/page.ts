/**
 * `npm run bench:page`: the seed post page from the production build, warm, under 1 and 10 concurrent clients.
 * The load comes from this process; the server is a separate child process. Runs on PGlite, and on PostgreSQL
 * too when TEST_DATABASE_URL (or BENCH_DATABASE_URL) names a server.
 */
import autocannon from "autocannon";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { startServer } from "../tests/support/server";

const path = "/p/russia-balance-diplomacy-escalation";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

async function load(url: string, connections: number, duration: number) {
  return autocannon({ url: url + path, connections, duration, headers: { "accept-language": "ar" } });
}

/** databaseUrl: null for PGlite, undefined for a fresh database on TEST_DATABASE_URL. */
async function benchOn(label: string, databaseUrl: null | undefined) {
  const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off" } });
  try {
    await load(server.url, 4, 3); // warm the server and the database caches
    for (const connections of [1, 10]) {
      const result = await load(server.url, connections, seconds);
      const errors = result.errors + result.non2xx + result.timeouts;
      console.log(
        `${label.padEnd(10)} ${String(connections).padStart(2)} client(s): p50 ${result.latency.p50} ms, ` +
          `p99 ${result.latency.p99} ms, ${result.requests.average.toFixed(0)} req/s, ${errors} errors`,
      );
    }
  } finally {
    await server.stop();
  }
}

buildIfStale();
console.log(`GET ${path} for ${seconds} s per run`);
await benchOn("PGlite", null);
const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pg) {
  process.env.TEST_DATABASE_URL = pg;
  await benchOn("PostgreSQL", undefined);
} else {
  console.log("PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to include it)");
}
