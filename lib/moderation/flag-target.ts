import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { posts, replies, scenarios } from "@/db/schema";

export const flaggableTypes = ["post", "scenario", "reply"] as const;
export type FlaggableType = (typeof flaggableTypes)[number];

export type FlagTarget = { postId: string; authorId: string | null; status: "visible" | "hidden" | "merged" };

/** What a flag or a decision needs to know of the flagged post, scenario or reply; null when there is none. */
export async function readFlagTarget(tx: Database | Transaction, targetType: FlaggableType, targetId: string): Promise<FlagTarget | null> {
  const table = { post: posts, scenario: scenarios, reply: replies }[targetType];
  const postId = targetType === "post" ? posts.id : targetType === "scenario" ? scenarios.postId : replies.postId;
  const [row] = await tx.select({ postId, authorId: table.authorId, status: table.status }).from(table).where(eq(table.id, targetId));
  return row ?? null;
}
