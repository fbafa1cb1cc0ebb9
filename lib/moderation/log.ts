import type { Transaction } from "@/db/client";
import { moderationLog, type TargetType } from "@/db/schema";
import { noteNotified } from "@/lib/live/outbox";
import { notifyOfModeration } from "@/lib/notify/fan-out";
import { textLimits } from "@/lib/rules/text-limits";
import { userText } from "@/lib/text/normalize";

/** The reason every moderation action gives, which its log row keeps. */
export const ModerationReason = userText(...textLimits.moderationReason);

export type ModerationEntry = {
  /** null: the operator from the command line, or the forum itself (auto-hide, a suspension running out). */
  actorId: string | null;
  action: string;
  targetType: TargetType;
  targetId: string;
  reason: string;
  /** What changed, enough to undo it (previous values, moved row ids). */
  details?: Record<string, unknown>;
};

/**
 * Every moderation action writes one row here, in the transaction of the change it records. Never deleted. The
 * notifications the action causes (to the author, the suspended member, the forecasters) are written with it.
 */
export async function recordModeration(tx: Transaction, entry: ModerationEntry): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx
    .insert(moderationLog)
    .values({ ...entry, details: entry.details ?? null })
    .returning({ id: moderationLog.id, createdAt: moderationLog.createdAt });
  noteNotified(tx, await notifyOfModeration(tx, entry, row!.id));
  return row!;
}
