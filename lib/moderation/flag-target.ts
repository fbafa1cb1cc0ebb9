import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { posts, replies, scenarios } from "@/db/schema";
import { postPath, replyPath, scenarioPath } from "@/lib/forum/paths";

export const flaggableTypes = ["post", "scenario", "reply"] as const;
export type FlaggableType = (typeof flaggableTypes)[number];

type Level = { status: "visible" | "hidden" | "merged"; authorId: string | null };
export type FlagTarget = Level & { postId: string; levels: { post: Level; scenario?: Level; reply?: Level } };

/** Where a moderator opens flagged content (post pages take the post's id in place of its slug). */
export function flaggedContentUrl(type: FlaggableType, content: { id: string; postId: string; scenarioId: string | null }): string {
  if (type === "post") return postPath(content.postId);
  return type === "scenario" ? scenarioPath(content.postId, content.id) : replyPath(content.postId, content.scenarioId!, content.id);
}

const level = (table: typeof posts | typeof scenarios | typeof replies) => ({ status: table.status, authorId: table.authorId });

/**
 * What a flag needs to know of the flagged post, scenario or reply, with every level above it (its post; a reply's
 * scenario) for the visibility rule; null when there is none.
 */
export async function readFlagTarget(tx: Database | Transaction, targetType: FlaggableType, targetId: string): Promise<FlagTarget | null> {
  if (targetType === "post") {
    const [row] = await tx.select({ postId: posts.id, post: level(posts) }).from(posts).where(eq(posts.id, targetId));
    return row ? { ...row.post, postId: row.postId, levels: { post: row.post } } : null;
  }
  if (targetType === "scenario") {
    const [row] = await tx
      .select({ postId: posts.id, post: level(posts), scenario: level(scenarios) })
      .from(scenarios)
      .innerJoin(posts, eq(posts.id, scenarios.postId))
      .where(eq(scenarios.id, targetId));
    return row ? { ...row.scenario, postId: row.postId, levels: { post: row.post, scenario: row.scenario } } : null;
  }
  const [row] = await tx
    .select({ postId: posts.id, post: level(posts), scenario: level(scenarios), reply: level(replies) })
    .from(replies)
    .innerJoin(scenarios, eq(scenarios.id, replies.scenarioId))
    .innerJoin(posts, eq(posts.id, replies.postId))
    .where(eq(replies.id, targetId));
  return row ? { ...row.reply, postId: row.postId, levels: { post: row.post, scenario: row.scenario, reply: row.reply } } : null;
}
