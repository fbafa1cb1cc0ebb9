import { buildIfStale } from "@/scripts/build-if-stale.mjs";
import { api } from "@/tests/support/http";
import { startServer } from "@/tests/support/server";
import { createMembers } from "./members";
import { ms, percentile } from "./stats";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const writers = 4;
const healthTargetMs = 50;
const slug = "russia-balance-diplomacy-escalation";

/** GET /api/health one after another until `until` resolves, every 20 ms; → the latencies, ascending. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const start = performance.now();
    const response = await fetch(`${url}/api/health`);
    await response.arrayBuffer();
    latencies.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies.sort((a, b) => a - b);
}

/** Each member posts the body (made unique per reply, past the duplicate guard) as replies, one after another. */
async function postInLoop(url: string, scenarioId: string, token: string, body: string, deadline: number) {
  const client = api(`${url}/api/v1`);
  const statuses: Record<number, number> = {};
  for (let i = 0; performance.now() < deadline; i++) {
    const { status } = await client.post(`/scenarios/${scenarioId}/replies`, { body: `${body}\n\nrun ${i}`, stance: "neutral" }, { token });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

const summary = (latencies: number[]) =>
  `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)} over ${latencies.length} probes`;

/**
 * `/api/health` latency on the production server (PGlite; PostgreSQL too when TEST_DATABASE_URL is set) idle, then
 * while `writers` members, signed in through the API, post `body` as replies in a loop for BENCH_SECONDS.
 */
export async function healthUnderWrites(shape: string, body: string): Promise<void> {
  buildIfStale();
  const databases: [string, null | undefined][] = [["PGlite", null]];
  if (process.env.TEST_DATABASE_URL) databases.push(["PostgreSQL", undefined]);
  for (const [label, databaseUrl] of databases) {
    const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off" } });
    try {
      const tokens = await createMembers(server.url, writers, "markdown");
      const client = api(`${server.url}/api/v1`);
      const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
      const scenario = await client.post(`/posts/${postId}/scenarios`, { title: "Where the replies go", body: "Body", x: 50, y: 50 }, { token: tokens[0] });
      const scenarioId = scenario.body.scenario.id as string;
      const idle = await probeHealth(server.url, new Promise((resolve) => setTimeout(resolve, 3_000)));
      const deadline = performance.now() + seconds * 1000;
      const writes = Promise.all(tokens.map((token) => postInLoop(server.url, scenarioId, token, body, deadline)));
      const loaded = await probeHealth(server.url, writes);
      const statuses: Record<number, number> = {};
      for (const counts of await writes) for (const [status, n] of Object.entries(counts)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n;
      const p99 = percentile(loaded, 99);
      console.log(`${label}: /api/health idle: ${summary(idle)}`);
      console.log(`${label}: /api/health while ${writers} members post "${shape}" (${(body.length / 1000).toFixed(1)} K) for ${seconds} s: ${summary(loaded)}; replies answered ${JSON.stringify(statuses)} (${((Object.values(statuses).reduce((a, b) => a + b, 0)) / seconds).toFixed(1)}/s) — p99 ≤ ${healthTargetMs} ms: ${p99 <= healthTargetMs ? "target met" : "target NOT met"}`);
    } finally {
      await server.stop();
    }
  }
}
