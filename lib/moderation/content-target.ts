import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { posts, replies, scenarios, type ModerationNote } from "@/db/schema";

export const moderatedTypes = ["post", "scenario", "reply"] as const;
export type ModeratedType = (typeof moderatedTypes)[number];

/** A post, scenario or reply as a moderator action sees it: its state, where it sits and its latest action. */
export type ContentTarget = {
  targetType: ModeratedType;
  id: string;
  postId: string;
  /** The scenario a reply is under; a scenario's own id; null for a post. */
  scenarioId: string | null;
  authorId: string | null;
  status: "visible" | "hidden" | "merged";
  isLocked: boolean;
  isPinned: boolean;
  moderation: ModerationNote | null;
};

/**
 * Reads the target and takes its row lock for the rest of the transaction, so two moderators acting on one target
 * at once are applied one after the other (the second sees the first's change). Null when there is none.
 */
export async function lockContentTarget(tx: Transaction, targetType: ModeratedType, id: string): Promise<ContentTarget | null> {
  if (targetType === "post") {
    const [row] = await tx
      .select({ id: posts.id, authorId: posts.authorId, status: posts.status, isLocked: posts.isLocked, isPinned: posts.isPinned, moderation: posts.moderation })
      .from(posts)
      .where(eq(posts.id, id))
      .for("update");
    return row ? { ...row, targetType, postId: row.id, scenarioId: null } : null;
  }
  if (targetType === "scenario") {
    const [row] = await tx
      .select({
        id: scenarios.id,
        postId: scenarios.postId,
        authorId: scenarios.authorId,
        status: scenarios.status,
        isLocked: scenarios.isLocked,
        isPinned: scenarios.isPinned,
        moderation: scenarios.moderation,
      })
      .from(scenarios)
      .where(eq(scenarios.id, id))
      .for("update");
    return row ? { ...row, targetType, scenarioId: row.id } : null;
  }
  const [row] = await tx
    .select({ id: replies.id, postId: replies.postId, scenarioId: replies.scenarioId, authorId: replies.authorId, status: replies.status, moderation: replies.moderation })
    .from(replies)
    .where(eq(replies.id, id))
    .for("update");
  return row ? { ...row, targetType, isLocked: false, isPinned: false } : null;
}
