/**
 * `npm run bench:page`: the seed post page from the production build, warm, under 1 and 10 concurrent clients;
 * then the same after seeding a discussion through the API (200 scenarios, 2,000 replies, and one more scenario
 * with 500 replies), plus that scenario's page. The load comes from this process; the server is a separate child
 * process. Runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL (or BENCH_DATABASE_URL) names a server.
 * Every seeded page is measured twice: rendered for each request ("render": the requests carry a cookie other than
 * the locale's, which the anonymous-reader cache never answers), and as anonymous readers get it ("cached": the
 * server's anonymous-reader cache, lib/http/page-cache.ts). Figures are printed with the targets they are held
 * to, never asserted.
 */
import autocannon from "autocannon";
import { buildIfStale, serverEntry } from "../scripts/build-if-stale.mjs";
import { startServer } from "../tests/support/server";
import { cpuSeconds, findChildPid, machineBusySeconds } from "./support/proc";
import { seedDiscussion } from "./support/seed-discussion";

const slug = "russia-balance-diplomacy-escalation";
const path = `/p/${slug}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const targets = { postP50: 15, postRps10: 200, postP99At10: 100, scenarioP50: 25 };

let serverPid = 0;

/**
 * Runs autocannon against the page and measures the CPU that processes other than the server and this one used
 * meanwhile: PostgreSQL's own work for the server, and other people's builds and tests on this shared machine,
 * under which the figures mean little.
 */
type Mode = "render" | "cached";
const headersFor = (mode: Mode): Record<string, string> => ({ "accept-language": "ar", ...(mode === "render" ? { cookie: "mizan-bench=render" } : {}) });

async function load(url: string, connections: number, duration: number, page = path, mode: Mode = "render") {
  const [machine0, server0, own0] = [machineBusySeconds(), cpuSeconds(serverPid), process.cpuUsage()];
  const result = await autocannon({ url: url + page, connections, duration, headers: headersFor(mode) });
  const own = process.cpuUsage(own0);
  const other = machineBusySeconds() - machine0 - (cpuSeconds(serverPid) - server0) - (own.user + own.system) / 1e6;
  return Object.assign(result, { otherCores: Math.max(0, other / duration) });
}

function line(label: string, what: string, connections: number, result: Awaited<ReturnType<typeof load>>, extra = "") {
  const errors = result.errors + result.non2xx + result.timeouts;
  console.log(
    `${label.padEnd(10)} ${what}${String(connections).padStart(2)} client(s): p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, ${result.requests.average.toFixed(0)} req/s, ${errors} errors${extra}; ` +
      `other processes (PostgreSQL included) ${result.otherCores.toFixed(2)} cores`,
  );
}

const verdict = (ok: boolean) => (ok ? "target met" : "target NOT met");

/**
 * The page's status and size, fetched once as the benchmark's clients would, and how much of it is the inline
 * React Server Components payload (the `self.__next_f.push` scripts), which repeats what client components get.
 */
async function probe(url: string) {
  const response = await fetch(url, { headers: headersFor("render") });
  const html = await response.text();
  const flight = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs)].reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0);
  const size = `${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${(flight / 1024).toFixed(0)} KB of it inline RSC payload`;
  return { status: response.status, size };
}

/** databaseUrl: null for PGlite, undefined for a fresh database on TEST_DATABASE_URL. */
async function benchOn(label: string, databaseUrl: null | undefined) {
  const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off" } });
  serverPid = findChildPid(serverEntry);
  try {
    await load(server.url, 4, 3); // warm the server and the database caches
    for (const connections of [1, 10]) line(label, "", connections, await load(server.url, connections, seconds));

    const seeded = await seedDiscussion(server.url, slug);
    console.log(`${label.padEnd(10)} seeded 12 members, 200 scenarios, 2,000 replies and a 500-reply scenario through the API in ${seeded.seconds.toFixed(1)} s`);
    const post = await probe(server.url + path);
    await load(server.url, 4, 3); // the seeded page is new work: warm it too
    for (const mode of ["render", "cached"] as const) {
      const one = await load(server.url, 1, seconds, path, mode);
      line(label, `seeded post, ${mode}, `, 1, one, `${mode === "render" ? ` (${post.size})` : ""} — p50 ≤ ${targets.postP50} ms: ${verdict(one.latency.p50 <= targets.postP50)}`);
      const ten = await load(server.url, 10, seconds, path, mode);
      const tenOk = ten.requests.average >= targets.postRps10 && ten.latency.p99 <= targets.postP99At10;
      line(label, `seeded post, ${mode}, `, 10, ten, ` — ≥ ${targets.postRps10} req/s with p99 ≤ ${targets.postP99At10} ms: ${verdict(tenOk)}`);
    }

    // The scenario page is new; until its route exists it answers 404 and is reported, not measured.
    const scenarioPath = `${path}/s/${seeded.bigScenarioId}`;
    const scenario = await probe(server.url + scenarioPath);
    if (scenario.status !== 200) {
      console.log(`${label.padEnd(10)} scenario page ${scenarioPath}: HTTP ${scenario.status}, not measured (is the route there yet?)`);
      return;
    }
    await load(server.url, 4, 3, scenarioPath);
    for (const mode of ["render", "cached"] as const) {
      const page = await load(server.url, 1, seconds, scenarioPath, mode);
      line(label, `500-reply scenario, ${mode}, `, 1, page, `${mode === "render" ? ` (${scenario.size})` : ""} — p50 ≤ ${targets.scenarioP50} ms: ${verdict(page.latency.p50 <= targets.scenarioP50)}`);
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
