import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { forgetTokenHolders } from "@/lib/auth/token-cache";
import { NotFound } from "@/lib/errors";
import { dropUserSockets } from "@/lib/live/user-sockets";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { recordModeration, ModerationReason } from "./log";


export const SuspendUserInput = z.object({
  userId: Identifier,
  until: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).refine((until) => until.getTime() > Date.now(), "must be in the future"),
  reason: ModerationReason,
});
export type SuspendUserInput = Unparsed<typeof SuspendUserInput>;

export const UnsuspendUserInput = z.object({ userId: Identifier, reason: ModerationReason });
export type UnsuspendUserInput = Unparsed<typeof UnsuspendUserInput>;

export type Suspension = { userId: string; suspendedUntil: string | null; reason: string | null };

/**
 * Sets (or lifts, with `until` null) a member's suspension with its log row in one transaction, then drops their
 * sockets and forgets their token holders on every node, so the change applies at once.
 */
async function writeSuspension(ctx: Context, userId: string, until: Date | null, reason: string, action: string): Promise<Suspension> {
  const db = await getDb();
  const [target] = await db.select({ id: users.id, role: users.role, until: users.suspendedUntil, reason: users.suspendReason }).from(users).where(eq(users.id, userId));
  if (!target) throw new NotFound("The member");
  const actor = assertCan(ctx.actor, { action: "user.suspend", target });
  const stillSuspended = target.until !== null && target.until > new Date();
  if (until === null && !stillSuspended) return { userId, suspendedUntil: null, reason: null };
  if (until !== null && target.until?.getTime() === until.getTime()) return { userId, suspendedUntil: until.toISOString(), reason: target.reason };
  await db.transaction(async (tx) => {
    await tx.update(users).set({ suspendedUntil: until, suspendReason: until ? reason : null }).where(eq(users.id, userId));
    await recordModeration(tx, {
      actorId: actor.id,
      action,
      targetType: "user",
      targetId: userId,
      reason,
      details: { until: until?.toISOString() ?? null, previousUntil: target.until?.toISOString() ?? null, previousReason: target.reason },
    });
  });
  dropUserSockets(userId);
  forgetTokenHolders({ userId });
  return { userId, suspendedUntil: until?.toISOString() ?? null, reason: until ? reason : null };
}

/**
 * Suspends a member until a moment in the future: they still read, every write answers 403 `suspended`, and it
 * lifts by itself at `until` (isSuspended compares with the clock). Moderators suspend members, admins also
 * moderators; nobody suspends an admin or themselves. Idempotent for the same `until`.
 */
export async function suspendUser(ctx: Context, input: SuspendUserInput): Promise<Suspension> {
  const { userId, until, reason } = parseInput(SuspendUserInput, input);
  return writeSuspension(ctx, userId, until, reason, "user.suspend");
}

/** Lifts a suspension before its end. Who may suspend the member may lift it; idempotent. */
export async function unsuspendUser(ctx: Context, input: UnsuspendUserInput): Promise<Suspension> {
  const { userId, reason } = parseInput(UnsuspendUserInput, input);
  return writeSuspension(ctx, userId, null, reason, "user.unsuspend");
}
