import { inArray, sql, type AnyColumn } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { postTranslations, posts, replies, scenarios, searchDocuments, type SearchTargetType } from "@/db/schema";
import { searchDocument } from "./document";
import { searchableText } from "./markdown-text";

/** A post's text in one language: the original or a translation. */
export type PostText = { title: string; question: string; body: string };

/** A post is found by its title, question and body in every language it is written in. */
export function postSearchDocument(texts: PostText[]): string {
  return searchDocument(
    texts.flatMap((text) => [
      { text: text.title, weight: "A" as const },
      { text: text.question, weight: "B" as const },
      { text: searchableText(text.body), weight: "D" as const },
    ]),
  );
}

export function scenarioSearchDocument(scenario: { title: string; body: string }): string {
  return searchDocument([
    { text: scenario.title, weight: "A" },
    { text: searchableText(scenario.body), weight: "D" },
  ]);
}

export function replySearchDocument(reply: { body: string }): string {
  return searchDocument([{ text: searchableText(reply.body), weight: "D" }]);
}

export type IndexEntry = { targetType: SearchTargetType; targetId: string; postId: string; document: string };

/**
 * Writes (or rewrites, after an edit) rows of the search index. Called inside the transaction that writes the
 * text, so a row is searchable exactly when it commits.
 */
export async function indexContent(executor: Executor, entries: IndexEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await executor
    .insert(searchDocuments)
    .values(entries.map((entry) => ({ ...entry, document: sql`cast(${entry.document} as tsvector)` })))
    .onConflictDoUpdate({
      target: [searchDocuments.targetType, searchDocuments.targetId],
      set: { document: sql`excluded.document`, updatedAt: sql`now()` },
    });
}

const BATCH = 200;

const unindexed = (type: SearchTargetType, id: AnyColumn) =>
  sql`not exists (select 1 from ${searchDocuments} where ${searchDocuments.targetType} = ${type} and ${searchDocuments.targetId} = ${id})`;

/**
 * Indexes every post, scenario and reply that has no index row yet (rows from before the index existed, or
 * written by something that bypassed the verbs), a batch at a time. Idempotent; run at seed, so at every start.
 */
export async function indexUnindexed(executor: Executor): Promise<number> {
  const drain = async (load: () => Promise<IndexEntry[]>) => {
    let count = 0;
    for (let entries = await load(); entries.length > 0; entries = await load()) {
      await indexContent(executor, entries);
      count += entries.length;
    }
    return count;
  };
  const postCount = await drain(async () => {
    const rows = await executor
      .select({ id: posts.id, title: posts.title, question: posts.question, body: posts.body })
      .from(posts)
      .where(unindexed("post", posts.id))
      .limit(BATCH);
    if (rows.length === 0) return [];
    const translations = await executor.select().from(postTranslations).where(inArray(postTranslations.postId, rows.map((r) => r.id)));
    return rows.map((post) => ({
      targetType: "post",
      targetId: post.id,
      postId: post.id,
      document: postSearchDocument([post, ...translations.filter((t) => t.postId === post.id)]),
    }));
  });
  const scenarioCount = await drain(async () => {
    const rows = await executor
      .select({ id: scenarios.id, postId: scenarios.postId, title: scenarios.title, body: scenarios.body })
      .from(scenarios)
      .where(unindexed("scenario", scenarios.id))
      .limit(BATCH);
    return rows.map((s) => ({ targetType: "scenario", targetId: s.id, postId: s.postId, document: scenarioSearchDocument(s) }));
  });
  const replyCount = await drain(async () => {
    const rows = await executor
      .select({ id: replies.id, postId: replies.postId, body: replies.body })
      .from(replies)
      .where(unindexed("reply", replies.id))
      .limit(BATCH);
    return rows.map((r) => ({ targetType: "reply", targetId: r.id, postId: r.postId, document: replySearchDocument(r) }));
  });
  return postCount + scenarioCount + replyCount;
}
