/**
 * `npm run bench:search`: searches through the same verb as GET /api/v1/search, in this process, over a forum of
 * BENCH_REPLIES replies (default 5,000) under BENCH_SCENARIOS scenarios (default 500), half in Arabic and half in
 * English, with words drawn from a small vocabulary so common words match thousands of rows and rare ones a few.
 * One client, one search after another (BENCH_QUERIES, default 300, Arabic and English, with and without prefixes,
 * a phrase and an exclusion); prints p50 and p99 per engine, on PGlite (in memory) and on PostgreSQL
 * (TEST_DATABASE_URL, or the local server when one listens). The target at 100,000 rows and 10 clients on
 * PostgreSQL is p50 ≤ 15 ms, p99 ≤ 60 ms.
 */
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { installDatabase, uninstallDatabase, type DatabaseTarget } from "../db/client";
import { newId, posts, replies, scenarios, users } from "../db/schema";
import { seedArticle, seedSlug } from "../db/seed/seed-article";
import { anonymous } from "../lib/auth/actor";
import { indexContent, replySearchDocument, scenarioSearchDocument } from "../lib/search/index-content";
import { searchContent } from "../lib/search/search";
import { defaultPostgresUrl, isListening } from "../tests/support/services";
import { createTestDatabase } from "../tests/support/test-database";
import { makeRandom } from "./support/write-load";

const replyCount = Number(process.env.BENCH_REPLIES ?? 5_000);
const scenarioCount = Number(process.env.BENCH_SCENARIOS ?? 500);
const queryCount = Number(process.env.BENCH_QUERIES ?? 300);

const arabic = "وروسيا لروسيا موسكو أوكرانيا الهدنة مفاوضات التصعيد الدبلوماسية العقوبات بيونغ يانغ الحرب السلام والغرب الطاقة النفط الغاز الحدود القمة".split(" ");
const english = "Russia Moscow Ukraine truce negotiations escalation diplomacy sanctions Pyongyang war peace West energy oil gas border summit talks ceasefire".split(" ");
const queries = ["روسيا", "وروسيا", "الهدنه", "مفاوضات الطاقة", '"بيونغ يانغ"', "روسيا -الحرب", "negotiate", "sanctions", '"oil gas"', "truce -war", "Pyongyang", "القمم"];

const random = makeRandom(7);
const sentence = (words: string[], length: number) => Array.from({ length }, () => words[Math.floor(random() ** 2 * words.length)]).join(" ");
const text = (i: number) => (i % 2 === 0 ? sentence(arabic, 12 + (i % 20)) : sentence(english, 12 + (i % 20)));

async function fill(target: DatabaseTarget): Promise<void> {
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
}

async function measure(label: string, target: DatabaseTarget): Promise<void> {
  const filling = performance.now();
  await fill(target);
  const filled = performance.now() - filling;
  for (const q of queries) await searchContent(anonymous, { q, limit: 20 }); // warm up
  const times: number[] = [];
  let results = 0;
  for (let i = 0; i < queryCount; i++) {
    const started = performance.now();
    results += (await searchContent(anonymous, { q: queries[i % queries.length]!, limit: 20 })).results.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(
    `${label}: ${scenarioCount} scenarios + ${replyCount} replies indexed in ${(filled / 1000).toFixed(1)} s; ` +
      `${queryCount} searches (20 a page, ${(results / queryCount).toFixed(1)} results each): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
  );
  await uninstallDatabase();
}

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
