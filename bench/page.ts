/**
 * `npm run bench:page`: the post page and a 500-reply scenario page from the production build, as members get
 * them and as anonymous readers get them, beside a floor measured in the same run.
 *
 * - Members: 20 distinct members signed in through the real sign-in flow (session cookies), each loading the
 *   page between their own votes, read-your-writes checked on every load (bench/support/member-load.ts). A post
 *   page comes from the shared render followed by the member's layer (GET /api/v1/me/page); a member's figures
 *   are the two together, as their browser loads them.
 * - Anonymous readers: no cookie but the locale's, so the server's anonymous-reader cache answers
 *   (lib/http/page-cache.ts).
 * - The floor (PostgreSQL only): a minimal node:http + postgres + template page over the same rows
 *   (bench/support/floor-server.ts), and the members' ratio to it.
 * - Growth (BENCH_GROWTH=1, slow: it writes ~20,000 rows through the API): the same post page at 2,000 scenarios
 *   and 20,000 replies.
 * The discussion is seeded through the API (200 scenarios, 2,000 replies, one more scenario with 500 replies).
 * Runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL (or BENCH_DATABASE_URL) names a server. The load
 * comes from this process; the servers are child processes. Figures are printed with their targets, never asserted.
 */
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { buildIfStale, serverEntry } from "../scripts/build-if-stale.mjs";
import { signInForCookie } from "../tests/support/http";
import { startServer } from "../tests/support/server";
import { createTestDatabase } from "../tests/support/test-database";
import { createMembers } from "./support/members";
import { memberLoad, type MemberLoadResult } from "./support/member-load";
import { describeWeight, pageWeight } from "./support/page-weight";
import { cpuSeconds, findChildPid, machineBusySeconds } from "./support/proc";
import { seedDiscussion } from "./support/seed-discussion";

const slug = "russia-balance-diplomacy-escalation";
const path = `/p/${slug}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const targets = { postP50: 15, postRps10: 200, postP99At10: 100, scenarioP50: 25, htmlKB: 150 };
const verdict = (ok: boolean) => (ok ? "target met" : "target NOT met");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

let serverPid = 0;

/** CPU that processes other than the server and this one used meanwhile, in cores: PostgreSQL, and other people's work. */
async function measured<T extends object>(duration: number, run: () => Promise<T>): Promise<T & { otherCores: number }> {
  const [machine0, server0, own0] = [machineBusySeconds(), cpuSeconds(serverPid), process.cpuUsage()];
  const result = await run();
  const own = process.cpuUsage(own0);
  const other = machineBusySeconds() - machine0 - (cpuSeconds(serverPid) - server0) - (own.user + own.system) / 1e6;
  return Object.assign(result, { otherCores: Math.max(0, other / duration) });
}

/** Anonymous readers (or the floor): autocannon with only the language header. */
async function anonymous(url: string, connections: number, duration = seconds) {
  const result = await measured(duration, () => autocannon({ url, connections, duration, headers: { "accept-language": "ar" } }));
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts, otherCores: result.otherCores };
}

type Figures = { perSecond: number; p50: number; p99: number; errors: number; otherCores: number };

function line(label: string, what: string, connections: number, f: Figures, extra = "") {
  console.log(
    `${label.padEnd(10)} ${what}, ${String(connections).padStart(2)} client(s): p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ` +
      `${f.perSecond.toFixed(0)} req/s, ${f.errors} errors${extra}; other processes (PostgreSQL included) ${f.otherCores.toFixed(2)} cores`,
  );
}

/** Members loading `page` between their votes on `scenarioId`. */
async function members(base: string, cookies: string[], page: string, scenarioId: string, connections: number) {
  const result: MemberLoadResult & { otherCores: number } = await measured(seconds, () => memberLoad(base, cookies, { paths: [page], scenarioId, connections, seconds }));
  const figures = result.pages[page]!;
  const checked = result.checked > 0 ? `read-your-writes ${result.checked - result.stale}/${result.checked} loads showed the member's own vote` : "no load showed the voted scenario";
  const layer = figures.layerP50 === null ? "" : `, their layer p50 ${figures.layerP50.toFixed(1)} ms (${(figures.layerBytes / 1024).toFixed(1)} KB)`;
  const ryw = `${checked}; ${figures.shared}/${figures.loads} from the shared render${layer}`;
  return { ...figures, errors: result.errors, otherCores: result.otherCores, ryw };
}

async function pageHtml(url: string, cookie?: string): Promise<string> {
  const response = await fetch(url, { headers: { "accept-language": "ar", ...(cookie ? { cookie } : {}) } });
  return response.text();
}

const htmlSize = async (url: string, cookie?: string) => Buffer.byteLength(await pageHtml(url, cookie));

/** Where the post page's bytes go, as an anonymous reader gets it. */
async function printWeight(label: string, url: string) {
  console.log(`${label.padEnd(10)} post page, anonymous: ${describeWeight(pageWeight(await pageHtml(url), ["main", "scenarios", "map"]))}`);
}

/** The floor server on the same PostgreSQL database; its base URL and a stop function. */
async function startFloor(databaseUrl: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/support/floor-server.ts", databaseUrl], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).port));
    child.once("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function signInMembers(base: string, count: number): Promise<string[]> {
  await createMembers(base, count, "reader");
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push(await signInForCookie(base, `reader${i}@bench.test`, "benchmark password"));
  return cookies;
}

/** databaseUrl: null for PGlite. */
async function benchOn(label: string, databaseUrl: string | null) {
  const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off" } });
  serverPid = findChildPid(serverEntry);
  const floor = databaseUrl ? await startFloor(databaseUrl) : null;
  try {
    await anonymous(server.url + path, 4, 3); // warm the server and the database caches
    for (const connections of [1, 10]) line(label, "seed post, no discussion, anonymous", connections, await anonymous(server.url + path, connections));

    const seeded = await seedDiscussion(server.url, slug);
    console.log(`${label.padEnd(10)} seeded 12 members, 200 scenarios, 2,000 replies and a 500-reply scenario through the API in ${seeded.seconds.toFixed(1)} s`);
    const cookies = await signInMembers(server.url, 20);
    console.log(`${label.padEnd(10)} signed 20 members in through the sign-in form (session cookies)`);
    const scenarioPath = `${path}/s/${seeded.bigScenarioId}`;
    const sizes = {
      post: { member: await htmlSize(server.url + path, cookies[0]), anonymous: await htmlSize(server.url + path) },
      scenario: { member: await htmlSize(server.url + scenarioPath, cookies[0]), anonymous: await htmlSize(server.url + scenarioPath) },
    };
    console.log(
      `${label.padEnd(10)} HTML: post ${kb(sizes.post.anonymous)} anonymous, ${kb(sizes.post.member)} for a member (≤ ${targets.htmlKB} KB: ${verdict(sizes.post.member <= targets.htmlKB * 1024)}); ` +
        `500-reply scenario ${kb(sizes.scenario.anonymous)} anonymous, ${kb(sizes.scenario.member)} for a member`,
    );
    await printWeight(label, server.url + path);
    await members(server.url, cookies, path, seeded.bigScenarioId, 4); // the seeded pages are new work: warm them

    const one = await members(server.url, cookies, path, seeded.bigScenarioId, 1);
    line(label, "seeded post, members", 1, one, ` — p50 ≤ ${targets.postP50} ms: ${verdict(one.p50 <= targets.postP50)}; ${one.ryw}`);
    const ten = await members(server.url, cookies, path, seeded.bigScenarioId, 10);
    const tenOk = ten.perSecond >= targets.postRps10 && ten.p99 <= targets.postP99At10;
    line(label, "seeded post, members", 10, ten, ` — ≥ ${targets.postRps10} req/s with p99 ≤ ${targets.postP99At10} ms: ${verdict(tenOk)}; ${ten.ryw}`);
    for (const connections of [1, 10]) line(label, "seeded post, anonymous", connections, await anonymous(server.url + path, connections));

    const scenario = await members(server.url, cookies, scenarioPath, seeded.bigScenarioId, 1);
    line(label, "500-reply scenario, members", 1, scenario, ` — p50 ≤ ${targets.scenarioP50} ms: ${verdict(scenario.p50 <= targets.scenarioP50)}; ${scenario.ryw}`);
    line(label, "500-reply scenario, anonymous", 1, await anonymous(server.url + scenarioPath, 1));

    if (floor) {
      await anonymous(floor.url + path, 4, 3);
      const floorOne = await anonymous(floor.url + path, 1);
      line(label, "floor (node:http + postgres + template, same rows)", 1, floorOne, ` (${kb(await htmlSize(floor.url + path))})`);
      const floorTen = await anonymous(floor.url + path, 10);
      line(label, "floor (node:http + postgres + template, same rows)", 10, floorTen);
      const ratio = ten.perSecond / floorTen.perSecond;
      console.log(`${label.padEnd(10)} members at 10 clients make ${(ratio * 100).toFixed(0)}% of the floor's req/s (≥ 33%: ${verdict(ratio >= 1 / 3)})`);
    }

    if (process.env.BENCH_GROWTH === "1") {
      const grown = await seedDiscussion(server.url, slug, { memberPrefix: "growth", scenarioCount: 1800, replyCount: 18_000, bigThread: 0 });
      console.log(`${label.padEnd(10)} grew the post to 2,000 scenarios and 20,000 replies in ${grown.seconds.toFixed(1)} s`);
      const size = await htmlSize(server.url + path, cookies[0]);
      const big = await members(server.url, cookies, path, seeded.bigScenarioId, 1);
      const within = big.p50 <= 1.5 * one.p50 && size <= 1.5 * sizes.post.member;
      line(label, "grown post, members", 1, big, ` (${kb(size)}) — within 1.5× of the 200-scenario p50 and size: ${verdict(within)}; ${big.ryw}`);
      await printWeight(label, server.url + path);
    }
  } finally {
    floor?.stop();
    await server.stop();
  }
}

buildIfStale();
console.log(`GET ${path} for ${seconds} s per run`);
// BENCH_PGLITE=0 runs PostgreSQL only (PGlite's seeding alone takes minutes on a busy machine).
if (process.env.BENCH_PGLITE !== "0") await benchOn("PGlite", null);
const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pg) {
  process.env.TEST_DATABASE_URL = pg;
  const database = await createTestDatabase();
  try {
    await benchOn("PostgreSQL", "url" in database.target ? database.target.url : null);
  } finally {
    await database.drop();
  }
} else {
  console.log("PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to include it)");
}
