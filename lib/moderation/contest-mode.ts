import { z } from "zod";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { contestEnd, maxContestHours } from "@/lib/rules/contest-mode";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { ModerationReason } from "./log";
import { setPostControl, type PostControlResult } from "./post-control";

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

export type ContestModeResult = PostControlResult<"contestUntil", "contest_mode", string | null>;

/**
 * Puts a post in contest mode until a moment (or ends it, with `until` null): meanwhile its scenarios come in a
 * random order stable per reader and their votes are hidden from everyone but moderators; it ends by itself at
 * `until` (every read compares with the clock). Moderators and admins, with a reason; see setPostControl.
 */
export async function setContestMode(ctx: Context, input: SetContestModeInput): Promise<ContestModeResult> {
  // Authorized before the body is read, as for slow mode.
  const actor = assertCan(ctx.actor, { action: "post.setContestMode" });
  const { postId, until, reason } = parseInput(SetContestModeInput, input);
  return setPostControl(actor, { key: "contestUntil", action: "contest_mode", shown: contestEnd }, { postId, reason, to: until });
}
