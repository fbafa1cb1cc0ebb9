/**
 * `npm run bench:search`: searches through the same verb as GET /api/v1/search, in this process, over a forum of
 * BENCH_SCENARIOS scenarios (default 10,000) and BENCH_REPLIES replies under them (default 90,000): 100,000
 * documents, half in Arabic and half in English, with words drawn from a small vocabulary so common words match
 * tens of thousands of rows and rare ones a few. BENCH_CLIENTS clients at once (default 10), each running one
 * search after another, BENCH_QUERIES in all (default 1,000: Arabic and English, with and without prefixes, a
 * phrase and an exclusion); prints p50 and p99 per engine, on PGlite (in memory) and on PostgreSQL
 * (TEST_DATABASE_URL, or the local server when one listens), with the machine's load average. The target
 * at 100,000 documents and 10 clients on PostgreSQL is p50 ≤ 15 ms, p99 ≤ 60 ms.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { installDatabase, uninstallDatabase, type DatabaseTarget } from "../db/client";
import { newId, posts, replies, scenarios, searchDocuments, users } from "../db/schema";
import { seedArticle, seedSlug } from "../db/seed/seed-article";
import { anonymous } from "../lib/auth/actor";
import { indexContent, replySearchDocument, scenarioSearchDocument } from "../lib/search/index-content";
import { searchContent } from "../lib/search/search";
import { defaultPostgresUrl, isListening } from "../tests/support/services";
import { createTestDatabase } from "../tests/support/test-database";
import { ms, percentile } from "./support/stats";
import { makeRandom } from "./support/write-load";

const targets = { p50: 15, p99: 60 };

const replyCount = Number(process.env.BENCH_REPLIES ?? 90_000);
const scenarioCount = Number(process.env.BENCH_SCENARIOS ?? 10_000);
const queryCount = Number(process.env.BENCH_QUERIES ?? 1_000);
const clientCount = Number(process.env.BENCH_CLIENTS ?? 10);

const arabic = "وروسيا لروسيا موسكو أوكرانيا الهدنة مفاوضات التصعيد الدبلوماسية العقوبات بيونغ يانغ الحرب السلام والغرب الطاقة النفط الغاز الحدود القمة".split(" ");
const english = "Russia Moscow Ukraine truce negotiations escalation diplomacy sanctions Pyongyang war peace West energy oil gas border summit talks ceasefire".split(" ");
export const queries = ["روسيا", "وروسيا", "الهدنه", "مفاوضات الطاقة", '"بيونغ يانغ"', "روسيا -الحرب", "negotiate", "sanctions", '"oil gas"', "truce -war", "Pyongyang", "القمم"];

const random = makeRandom(7);
const sentence = (words: string[], length: number) => Array.from({ length }, () => words[Math.floor(random() ** 2 * words.length)]).join(" ");
const text = (i: number) => (i % 2 === 0 ? sentence(arabic, 12 + (i % 20)) : sentence(english, 12 + (i % 20)));

/**
 * Installs the database and fills it with the forum above (kept installed: the caller uninstalls it). On
 * PostgreSQL the table is then vacuumed and analysed, as autovacuum does after so many inserts (PGlite runs no
 * autovacuum, so it is left as written).
 */
export async function fill(target: DatabaseTarget): Promise<void> {
  const { db } = await installDatabase(target);
  await seedArticle(db);
  const [post] = await db.select({ id: posts.id }).from(posts).where(eq(posts.slug, seedSlug));
  const [author] = await db.insert(users).values({ email: `bench${newId()}@example.test`, handle: `bench${Date.now()}`, name: "Bench" }).returning();
  const scenarioIds: string[] = [];
  for (let start = 0; start < scenarioCount; start += 500) {
    const rows = Array.from({ length: Math.min(500, scenarioCount - start) }, (_, k) => {
      const body = text(start + k);
      return { id: newId(), postId: post!.id, authorId: author!.id, title: `Scenario ${start + k} ${sentence(english, 3)}`, body, html: body };
    });
    await db.insert(scenarios).values(rows);
    await indexContent(db, rows.map((r) => ({ targetType: "scenario", targetId: r.id, postId: r.postId, document: scenarioSearchDocument(r) })));
    scenarioIds.push(...rows.map((r) => r.id));
  }
  for (let start = 0; start < replyCount; start += 500) {
    const rows = Array.from({ length: Math.min(500, replyCount - start) }, (_, k) => {
      const body = text(start + k + 1);
      return { id: newId(), postId: post!.id, scenarioId: scenarioIds[(start + k) % scenarioIds.length]!, authorId: author!.id, path: newId(), body, html: body };
    });
    await db.insert(replies).values(rows);
    await indexContent(db, rows.map((r) => ({ targetType: "reply", targetId: r.id, postId: r.postId, document: replySearchDocument(r) })));
  }
  if ("url" in target) await db.execute(sql`vacuum analyze ${searchDocuments}`);
}

/** `clientCount` clients, each searching one query after another until `queryCount` have run: the latencies, ascending. */
async function searchAtOnce(): Promise<{ times: number[]; results: number }> {
  const times: number[] = [];
  let results = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: clientCount }, async () => {
      while (next < queryCount) {
        const q = queries[next++ % queries.length]!;
        const started = performance.now();
        const found = await searchContent(anonymous, { q, limit: 20 });
        times.push(performance.now() - started);
        results += found.results.length;
      }
    }),
  );
  return { times: times.sort((a, b) => a - b), results };
}

async function measure(label: string, target: DatabaseTarget): Promise<void> {
  const filling = performance.now();
  await fill(target);
  const filled = performance.now() - filling;
  for (const q of queries) await searchContent(anonymous, { q, limit: 20 }); // warm up
  const load = loadavg()[0]!.toFixed(2);
  const { times, results } = await searchAtOnce();
  const [p50, p99] = [percentile(times, 50), percentile(times, 99)];
  const verdict = p50 <= targets.p50 && p99 <= targets.p99 ? "target met" : "target NOT met";
  console.log(
    `${label}: ${scenarioCount} scenarios + ${replyCount} replies indexed in ${(filled / 1000).toFixed(1)} s; ${queryCount} searches by ${clientCount} clients ` +
      `(20 a page, ${(results / queryCount).toFixed(1)} results each): p50 ${ms(p50)}, p99 ${ms(p99)} — p50 ≤ ${targets.p50} ms and p99 ≤ ${targets.p99} ms: ${verdict}; ` +
      `load average ${load} before`,
  );
  await uninstallDatabase();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await measure("PGlite", { memory: true });
  process.env.TEST_DATABASE_URL ??= defaultPostgresUrl;
  if (await isListening("127.0.0.1", 5432)) {
    const created = await createTestDatabase();
    try {
      await measure("PostgreSQL", created.target);
    } finally {
      await created.drop();
    }
  } else {
    console.log("PostgreSQL: no server on 127.0.0.1:5432 (set TEST_DATABASE_URL); skipped");
  }
}
