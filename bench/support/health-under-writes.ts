import { buildIfStale } from "@/scripts/build-if-stale.mjs";
import { api } from "@/tests/support/http";
import { startServer } from "@/tests/support/server";
import { createMembers } from "./members";
import { cpuSeconds, machineBusySeconds } from "./proc";
import { ms, percentile } from "./stats";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const writers = 4;
const healthTargetMs = 50;
const slug = "russia-balance-diplomacy-escalation";
const metricsToken = "bench-markdown-metrics-token";

/**
 * The server's event-loop delay since the last call (prom-client's histogram, reset at every scrape of /metrics):
 * p99 and max in ms.
 */
async function eventLoopDelay(url: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const read = (name: string) => 1000 * Number(new RegExp(`^mizan_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return { p99: read("p99"), max: read("max") };
}

export type Load = { name: string; body: string };

/** GET /api/health one after another, 20 ms apart, until `until` settles; → the latencies, ascending. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const start = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies.sort((a, b) => a - b);
}

/** One member posts the body as replies, one after another, until the deadline; → how many got each status. */
async function postInLoop(url: string, scenarioId: string, token: string, body: string, suffix: (i: number) => string, deadline: number) {
  const client = api(`${url}/api/v1`);
  const statuses: Record<string, number> = {};
  for (let i = 0; performance.now() < deadline; i++) {
    const { status } = await client.post(`/scenarios/${scenarioId}/replies`, { body: body + suffix(i), stance: "neutral" }, { token });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

const summary = (latencies: number[]) =>
  `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)} (${latencies.length} probes)`;

/**
 * `/api/health` latency on the production server (PGlite; PostgreSQL too when TEST_DATABASE_URL is set) idle, then
 * while `writers` members, signed up and issued tokens through the API, post each load's body as replies in a
 * loop for BENCH_SECONDS. Also the server's own event-loop delay (from /metrics), the CPU it used (its render
 * threads included) and what other processes on this machine used meanwhile, under which the figures mean less.
 */
export async function healthUnderWrites(loads: Load[], suffix: (i: number) => string): Promise<void> {
  buildIfStale();
  const databases: [string, null | undefined][] = [["PGlite", null]];
  if (process.env.TEST_DATABASE_URL) databases.push(["PostgreSQL", undefined]);
  for (const [label, databaseUrl] of databases) {
    const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off", MIZAN_METRICS_TOKEN: metricsToken } });
    try {
      const tokens = await createMembers(server.url, writers, "markdown");
      const client = api(`${server.url}/api/v1`);
      const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
      const scenario = await client.post(`/posts/${postId}/scenarios`, { title: "Where the replies go", body: "Body", x: 50, y: 50 }, { token: tokens[0] });
      const scenarioId = scenario.body.scenario.id as string;
      const idle = await probeHealth(server.url, new Promise((resolve) => setTimeout(resolve, 3_000)));
      console.log(`${label}: /api/health idle: ${summary(idle)}`);
      for (const [n, load] of loads.entries()) {
        await eventLoopDelay(server.url);
        const [machine0, server0] = [machineBusySeconds(), cpuSeconds(server.pid)];
        const deadline = performance.now() + seconds * 1000;
        // Each load its own stretch of suffixes: a repeated text would be refused as a duplicate.
        const writes = Promise.all(tokens.map((token, w) => postInLoop(server.url, scenarioId, token, load.body, (i) => suffix((n * writers + w) * 100_000 + i), deadline)));
        const latencies = await probeHealth(server.url, writes);
        const delay = await eventLoopDelay(server.url);
        const serverCores = (cpuSeconds(server.pid) - server0) / seconds;
        const otherCores = Math.max(0, (machineBusySeconds() - machine0) / seconds - serverCores);
        const statuses: Record<string, number> = {};
        for (const counts of await writes) for (const [status, count] of Object.entries(counts)) statuses[status] = (statuses[status] ?? 0) + count;
        const posted = Object.values(statuses).reduce((a, b) => a + b, 0);
        const p99 = percentile(latencies, 99);
        console.log(
          `${label}: /api/health while ${writers} members post ${load.name} (${(load.body.length / 1000).toFixed(1)}K) for ${seconds} s: ${summary(latencies)} — ` +
            `p99 ≤ ${healthTargetMs} ms: ${p99 <= healthTargetMs ? "target met" : "target NOT met"}; replies ${JSON.stringify(statuses)} (${(posted / seconds).toFixed(0)}/s); ` +
            `server event-loop delay p99 ${ms(delay.p99)}, max ${ms(delay.max)}; server ${serverCores.toFixed(2)} cores, other processes ${otherCores.toFixed(2)} cores`,
        );
      }
    } finally {
      await server.stop();
    }
  }
}
