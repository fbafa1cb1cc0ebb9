import autocannon from "autocannon";
import { defaultPostgresUrl, isListening } from "@/tests/support/services";
import { createTestDatabase } from "@/tests/support/test-database";

export type BenchDatabase = { databaseUrl: string | null; drop: () => Promise<void> };

/** Eight connections for `duration` seconds, each request made by `next`: throughput, latency and failures. */
export async function writeLoad(url: string, next: () => autocannon.Request, duration: number) {
  const result = await autocannon({ url, connections: 8, duration, requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }] });
  return { perSecond: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

/** Runs the bench on a fresh PostgreSQL database when one listens on 127.0.0.1:5432 (else says so), then on PGlite. */
export async function onEachDatabase(bench: (label: string, database: BenchDatabase) => Promise<void>): Promise<void> {
  process.env.TEST_DATABASE_URL ??= defaultPostgresUrl;
  if (await isListening("127.0.0.1", 5432)) {
    const created = await createTestDatabase();
    await bench("PostgreSQL", { databaseUrl: "url" in created.target ? created.target.url : null, drop: created.drop });
  } else {
    console.log("PostgreSQL: not running on 127.0.0.1:5432, skipped");
  }
  await bench("PGlite", { databaseUrl: null, drop: async () => {} });
}

/** A deterministic generator (an LCG), so runs on different machines use the same data. */
export function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
