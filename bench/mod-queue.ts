/**
 * `npm run bench:mod-queue`: the moderators' review queue at 10,000 open flags on 2,000 targets, from the
 * production build. The discussion (200 scenarios, 1,800 replies) is seeded through the JSON API
 * (bench/support/seed-discussion.ts), then nine members flag the 2,000 targets through POST /api/v1/flags, the
 * real verb, so every score, count and queue row is the one members' flags make: 1, 3, 5, 7 or 9 flags a
 * target in turn, 10,000 in all, none reaching the auto-hide weight. A moderator (the MIZAN_ADMIN_EMAILS account,
 * signed in through the sign-in form: a session cookie) then loads, one request after another for BENCH_SECONDS
 * each: GET /api/v1/mod/queue (its first page of 50, and a page deep in the queue by its cursor) and the /mod page
 * (20 items). The queue is first read through to its end, and its items and flags counted, to check the seeding.
 * On PostgreSQL (TEST_DATABASE_URL, or the local server); on PGlite too with BENCH_PGLITE=1 (its seeding, 12,000
 * writes on one thread, takes many minutes). Figures are printed with their target (p50 ≤ 20 ms on PostgreSQL)
 * and the machine's load average, never asserted.
 */
import { loadavg } from "node:os";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { api, signInForCookie } from "../tests/support/http";
import { startServer } from "../tests/support/server";
import { defaultPostgresUrl, isListening } from "../tests/support/services";
import { createMembers } from "./support/members";
import { inParallel, seedDiscussion } from "./support/seed-discussion";
import { ms, percentile } from "./support/stats";

const slug = "russia-balance-diplomacy-escalation";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminEmail = "curator@bench.test";
const password = "benchmark password";
/** Flags per target, in turn over the targets: a mean of 5, so 2,000 targets carry 10,000 flags. */
const flagsPerTarget = [1, 3, 5, 7, 9];
const targetP50 = 20;

type Target = { targetType: "scenario" | "reply"; targetId: string };

/** Every flagger flags the targets its turn gives it, 8 requests in flight; → seconds taken. */
async function flagTargets(url: string, flaggers: string[], targets: Target[]): Promise<number> {
  const started = performance.now();
  const client = api(url + "/api/v1");
  const flags = targets.flatMap((target, i) => flaggers.slice(0, flagsPerTarget[i % flagsPerTarget.length]).map((token) => ({ token, target })));
  await inParallel(flags.length, 8, async (i) => {
    const { token, target } = flags[i]!;
    const created = await client.post("/flags", { ...target, reason: "spam" }, { token });
    if (created.status !== 201) throw new Error(`flag ${i}: ${created.status} ${JSON.stringify(created.body)}`);
  });
  return (performance.now() - started) / 1000;
}

/** The whole open queue read through by its cursors, 200 at a time: how many items and flags, and the last page's cursor. */
async function readThrough(url: string, cookie: string) {
  const client = api(url + "/api/v1");
  let items = 0;
  let flags = 0;
  let deepCursor: string | null = null;
  for (let cursor: string | null = null, page = 0; page === 0 || cursor; page++) {
    const { status, body } = await client.get(`/mod/queue?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers: { cookie } });
    if (status !== 200) throw new Error(`queue page ${page}: ${status} ${JSON.stringify(body)}`);
    items += body.items.length;
    flags += body.items.reduce((sum: number, item: { flags: unknown[] }) => sum + item.flags.length, 0);
    if (page === 4) deepCursor = cursor; // 800 items in: a page from the middle of the queue
    cursor = body.nextCursor;
  }
  return { items, flags, deepCursor };
}

/** GET `path` one request after another for `duration` seconds, as the moderator: latencies ascending, and non-200 answers. */
async function timeLoads(url: string, path: string, cookie: string, duration = seconds) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + duration * 1000;
  while (performance.now() < deadline) {
    const started = performance.now();
    const response = await fetch(url + path, { headers: { cookie, "accept-language": "en" } });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 200) errors++;
  }
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

/** databaseUrl: null for PGlite, undefined for a fresh database on TEST_DATABASE_URL. */
async function benchOn(label: string, databaseUrl: null | undefined): Promise<void> {
  const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off", MIZAN_ADMIN_EMAILS: adminEmail } });
  try {
    const seeded = await seedDiscussion(server.url, slug, { scenarioCount: 200, replyCount: 1800, bigThread: 0, memberPrefix: "author" });
    const targets: Target[] = [
      ...seeded.scenarioIds.map((targetId) => ({ targetType: "scenario" as const, targetId })),
      ...seeded.replyIds.map((targetId) => ({ targetType: "reply" as const, targetId })),
    ];
    const flaggers = await createMembers(server.url, Math.max(...flagsPerTarget), "flagger");
    const flagging = await flagTargets(server.url, flaggers, targets);
    const created = await api(server.url + "/api/v1").post("/accounts", { email: adminEmail, password, name: "Curator" });
    if (created.status !== 201 || created.body.user.role !== "admin") throw new Error(`moderator account: ${created.status} ${JSON.stringify(created.body)}`);
    const cookie = await signInForCookie(server.url, adminEmail, password);
    const queue = await readThrough(server.url, cookie);
    console.log(
      `${label}: seeded ${targets.length} targets in ${seeded.seconds.toFixed(1)} s and flagged them through the API in ${flagging.toFixed(1)} s; ` +
        `the queue reads through to ${queue.items} items carrying ${queue.flags} open flags`,
    );
    const paths = { "GET /api/v1/mod/queue (first 50)": "/api/v1/mod/queue", "GET /api/v1/mod/queue (50 from item 800, by cursor)": `/api/v1/mod/queue?cursor=${queue.deepCursor}`, "GET /mod (20 items, HTML)": "/mod" };
    for (const [name, path] of Object.entries(paths)) {
      await timeLoads(server.url, path, cookie, 1); // warm
      const load = loadavg()[0]!.toFixed(2);
      const { latencies, errors } = await timeLoads(server.url, path, cookie);
      const p50 = percentile(latencies, 50);
      console.log(
        `${label}: ${name} as a moderator, 1 client for ${seconds} s: p50 ${ms(p50)}, p99 ${ms(percentile(latencies, 99))} (${latencies.length} loads, ${errors} not 200) — ` +
          `p50 ≤ ${targetP50} ms: ${p50 <= targetP50 ? "target met" : "target NOT met"}; load average ${load} before`,
      );
    }
  } finally {
    await server.stop();
  }
}

buildIfStale();
process.env.TEST_DATABASE_URL ??= defaultPostgresUrl;
if (await isListening("127.0.0.1", 5432)) await benchOn("PostgreSQL", undefined);
else console.log("PostgreSQL: no server on 127.0.0.1:5432 (set TEST_DATABASE_URL); skipped");
if (process.env.BENCH_PGLITE === "1") await benchOn("PGlite", null);
