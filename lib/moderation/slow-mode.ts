import { and, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { replies } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { RateLimited } from "@/lib/errors";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { maxSlowModeSeconds } from "@/lib/rules/slow-mode";
import { ModerationReason } from "./log";
import { setPostControl, type PostControlResult } from "./post-control";

export const SetSlowModeInput = z.object({
  postId: Identifier,
  seconds: z.number().int().min(0).max(maxSlowModeSeconds),
  reason: ModerationReason,
});
export type SetSlowModeInput = Unparsed<typeof SetSlowModeInput>;

export type SlowModeResult = PostControlResult<"slowModeSeconds", "slow_mode", number>;

/**
 * Sets a post's slow mode: each member's replies on it at most one per `seconds` (0 turns it off). Moderators
 * and admins, with a reason; see setPostControl.
 */
export async function setSlowMode(ctx: Context, input: SetSlowModeInput): Promise<SlowModeResult> {
  // Authorized before the body is read: a caller who may not set it learns nothing about the schema.
  const actor = assertCan(ctx.actor, { action: "post.setSlowMode" });
  const { postId, seconds, reason } = parseInput(SetSlowModeInput, input);
  return setPostControl(actor, { key: "slowModeSeconds", action: "slow_mode", shown: (stored) => stored }, { postId, reason, to: seconds });
}

/**
 * Inside a reply's transaction: refuses it with 429 and the wait when slow mode is on for the post and this
 * member replied there less than its interval ago. Staff are exempt. The lock serialises one member's replies on
 * one post, so two sent at once cannot both pass.
 */
export async function enforceSlowMode(tx: Transaction, actor: Actor, post: { id: string; slowModeSeconds: number }, now: Date): Promise<void> {
  if (post.slowModeSeconds === 0 || can(actor, { action: "reply.skipSlowMode" })) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`slow-mode:${actor.id}:${post.id}`}))`);
  const [row] = await tx
    .select({ last: max(replies.createdAt) })
    .from(replies)
    .where(and(eq(replies.postId, post.id), eq(replies.authorId, actor.id)));
  if (!row?.last) return;
  const waitMs = row.last.getTime() + post.slowModeSeconds * 1000 - now.getTime();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new RateLimited(seconds, `Slow mode is on for this post: one reply every ${post.slowModeSeconds} seconds. Try again in ${seconds} seconds.`);
  }
}
