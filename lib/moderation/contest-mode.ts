import { eq } from "drizzle-orm";
import { z } from "zod";
import { posts } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/errors";
import { transactWithEvents } from "@/lib/live/outbox";
import { contestInForce, maxContestHours } from "@/lib/rules/contest-mode";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { recordModeration, ModerationReason } from "./log";

export const SetContestModeInput = z.object({
  postId: Identifier,
  /** The end of contest mode, a moment in the next week; null turns it off. */
  until: z
    .iso.datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine((until) => until.getTime() > Date.now(), "must be in the future")
    .refine((until) => until.getTime() <= Date.now() + maxContestHours * 3_600_000, `must be within ${maxContestHours} hours`)
    .nullable(),
  reason: ModerationReason,
});
export type SetContestModeInput = Unparsed<typeof SetContestModeInput>;

type Change = { from: string | null; to: string | null };
export type ContestModeResult = {
  post: { id: string; contestUntil: string | null };
  /** The log row this change wrote; null when contest mode already stood so (nothing written). */
  entry: { id: string; action: "contest_mode"; targetType: "post"; targetId: string; reason: string; at: string; change: Change } | null;
};

/**
 * Puts a post in contest mode until a moment (or ends it, with `until` null): meanwhile its scenarios come in a
 * random order stable per reader and their votes are hidden from everyone but moderators; it ends by itself at
 * `until` (every read compares with the clock). Moderators and admins, with a reason; one moderation-log row and
 * a `post.updated` event in the same transaction. Idempotent: the state already in force writes nothing.
 */
export async function setContestMode(ctx: Context, input: SetContestModeInput): Promise<ContestModeResult> {
  // Authorized before the body is read, as for slow mode.
  const actor = assertCan(ctx.actor, { action: "post.setContestMode" });
  const { postId, until, reason } = parseInput(SetContestModeInput, input);
  return transactWithEvents(async (tx, emit) => {
    const [post] = await tx.select({ id: posts.id, contestUntil: posts.contestUntil }).from(posts).where(eq(posts.id, postId)).for("update");
    if (!post) throw new NotFound("The post");
    const current = contestInForce(post.contestUntil) ? post.contestUntil : null;
    const contestUntil = until?.toISOString() ?? null;
    if ((current?.toISOString() ?? null) === contestUntil) return { post: { id: postId, contestUntil }, entry: null };
    await tx.update(posts).set({ contestUntil: until, updatedAt: new Date() }).where(eq(posts.id, postId));
    const change = { from: current?.toISOString() ?? null, to: contestUntil };
    const row = await recordModeration(tx, { actorId: actor.id, action: "contest_mode", targetType: "post", targetId: postId, reason, details: change });
    await emit(postId, "post.updated", { post: { id: postId, contestUntil } });
    return {
      post: { id: postId, contestUntil },
      entry: { id: row.id, action: "contest_mode", targetType: "post", targetId: postId, reason, at: row.createdAt.toISOString(), change },
    };
  });
}
