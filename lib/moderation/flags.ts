import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db/client";
import { flaggerStats, flagReasons, flags, pendingReviewStates, reviewItems, type Flag } from "@/db/schema";
import { isNewAccount, type Context } from "@/lib/auth/actor";
import { assertCan, assertVisible } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { Conflict, NotFound, Unauthenticated } from "@/lib/errors";
import { announceQueue } from "@/lib/live/moderator-sockets";
import { transactWithEvents } from "@/lib/live/outbox";
import { consumeRateLimit } from "@/lib/rate-limit";
import { userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { flaggerStanding, flagScore } from "./flag-score";
import { applyModeration, settleModeration } from "./content-actions";
import { flaggableTypes, readFlagTarget } from "./flag-target";

export const CreateFlagInput = z
  .object({
    targetType: z.enum(flaggableTypes),
    targetId: Identifier,
    reason: z.enum(flagReasons),
    note: userText(1, 500).optional(),
  })
  .refine((flag) => flag.reason !== "other" || flag.note !== undefined, { message: "a note is required with the reason other", path: ["note"] });
export type CreateFlagInput = Unparsed<typeof CreateFlagInput>;

/** A flag as its flagger sees it (the queue shows moderators who flagged what; nothing else does). */
export type FlagView = { id: string; targetType: string; targetId: string; reason: string; note: string | null; status: string; createdAt: string };

function toFlagView(flag: Flag): FlagView {
  const { id, targetType, targetId, reason, note, status, createdAt } = flag;
  return { id, targetType, targetId, reason, note, status, createdAt: createdAt.toISOString() };
}

/** The moderation-log reason of an auto-hide. */
const autoHideReason = "Flags from members reached the auto-hide weight; hidden pending a moderator's review.";

/** How many targets wait for a moderator: the figure behind the header count and `queue.changed`. */
export async function countOpenQueue(tx: Database | Transaction): Promise<number> {
  const [row] = await tx
    .select({ open: sql<number>`count(*)::int` })
    .from(reviewItems)
    .where(inArray(reviewItems.state, [...pendingReviewStates]));
  return row!.open;
}

/**
 * Flags a post, scenario or reply. Active members, not on their own content (403); one open flag per member per
 * target (409); accounts younger than a day may flag a few items a day. The flag's weight joins its target's
 * queue row in the same transaction; when the open weight reaches MIZAN_AUTOHIDE_WEIGHT the target is marked
 * auto-hidden and hidden by the moderators' hide (logged with no actor, announced as `content.hidden`), pending
 * review. Not idempotent: a repeat is a Conflict.
 */
export async function createFlag(ctx: Context, input: CreateFlagInput): Promise<FlagView> {
  const { targetType, targetId, reason, note } = parseInput(CreateFlagInput, input);
  const db = await getDb();
  const found = await readFlagTarget(db, targetType, targetId);
  // Content this member cannot see (hidden, or under a hidden scenario or post) cannot be flagged: it is not found.
  assertVisible(ctx.actor, found?.levels);
  const target = found!;
  const actor = assertCan(ctx.actor, { action: "flag.create", target });
  if (isNewAccount(actor)) await consumeRateLimit("newAccountFlags", actor.id);
  const threshold = env().MIZAN_AUTOHIDE_WEIGHT;
  const { flag, open, autoHidden } = await transactWithEvents(async (tx, emit) => {
    const [stats] = await tx.select().from(flaggerStats).where(eq(flaggerStats.userId, actor.id));
    const weight = flagScore(flaggerStanding(actor.role, Date.now() - actor.createdAt.getTime()), stats?.agreed ?? 0, stats?.disagreed ?? 0);
    const [flag] = await tx
      .insert(flags)
      .values({ targetType, targetId, postId: target.postId, reporterId: actor.id, reason, note: note ?? null, weight })
      .onConflictDoNothing()
      .returning();
    if (!flag) throw new Conflict(`You have already flagged this ${targetType}.`);
    // A closed or deferred item comes back to the queue with new flags; one already auto-hidden stays so.
    await tx
      .insert(reviewItems)
      .values({ targetType, targetId, postId: target.postId, score: weight, openFlags: 1 })
      .onConflictDoUpdate({
        target: [reviewItems.targetType, reviewItems.targetId],
        set: {
          score: sql`${reviewItems.score} + ${weight}`,
          openFlags: sql`${reviewItems.openFlags} + 1`,
          state: sql`case when ${reviewItems.autoHiddenAt} is null then 'open' else 'autohidden' end`,
          version: sql`${reviewItems.version} + 1`,
          updatedAt: sql`now()`,
        },
      });
    const [reached] = await tx
      .update(reviewItems)
      .set({ state: "autohidden", autoHiddenAt: sql`now()` })
      .where(and(eq(reviewItems.targetType, targetType), eq(reviewItems.targetId, targetId), sql`${reviewItems.autoHiddenAt} is null`, sql`${reviewItems.score} >= ${threshold}`))
      .returning({ targetId: reviewItems.targetId });
    // At the threshold the target is hidden at once by the forum itself, through the moderators' own hide.
    const autoHidden = reached && target.status !== "merged" ? await applyModeration(tx, emit, null, { targetType, targetId, action: "hide", reason: autoHideReason }) : null;
    return { flag, open: await countOpenQueue(tx), autoHidden };
  });
  if (autoHidden) settleModeration(autoHidden);
  announceQueue(open);
  return toFlagView(flag);
}

export const WithdrawFlagInput = z.object({ flagId: Identifier });
export type WithdrawFlagInput = Unparsed<typeof WithdrawFlagInput>;

/**
 * Takes back one's own open flag; its weight leaves the target's queue row, and a target left with no open flags
 * leaves the queue (unless it was auto-hidden: then a moderator still has to decide). The flagger only; someone
 * else's flag is not found. Idempotent; a flag a moderator already decided is a Conflict.
 */
export async function withdrawFlag(ctx: Context, input: WithdrawFlagInput): Promise<void> {
  const { flagId } = parseInput(WithdrawFlagInput, input);
  const actor = ctx.actor;
  if (!actor) throw new Unauthenticated();
  const db = await getDb();
  const [existing] = await db.select().from(flags).where(eq(flags.id, flagId));
  if (!existing || existing.reporterId !== actor.id) throw new NotFound("The flag");
  assertCan(actor, { action: "flag.withdraw", target: existing });
  if (existing.status === "withdrawn") return;
  if (existing.status !== "open") throw new Conflict("A moderator has already decided on this flag.");
  const open = await db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(flags)
      .set({ status: "withdrawn", resolvedAt: sql`now()` })
      .where(and(eq(flags.id, flagId), eq(flags.status, "open")))
      .returning();
    if (!withdrawn) return null; // decided or withdrawn in the meantime
    await tx
      .update(reviewItems)
      .set({
        score: sql`greatest(0, ${reviewItems.score} - ${withdrawn.weight})`,
        openFlags: sql`${reviewItems.openFlags} - 1`,
        state: sql`case when ${reviewItems.openFlags} = 1 and ${reviewItems.autoHiddenAt} is null then 'closed' else ${reviewItems.state} end`,
        version: sql`${reviewItems.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(reviewItems.targetType, withdrawn.targetType), eq(reviewItems.targetId, withdrawn.targetId)));
    return countOpenQueue(tx);
  });
  if (open !== null) announceQueue(open);
}

/** The viewer's own open flags among some targets, by target id: what lets a card say "flagged" and offer to withdraw. */
export async function listMyOpenFlags(ctx: Context, targetIds: string[]): Promise<Map<string, string>> {
  if (!ctx.actor || targetIds.length === 0) return new Map();
  const rows = await (await getDb())
    .select({ id: flags.id, targetId: flags.targetId })
    .from(flags)
    .where(and(eq(flags.reporterId, ctx.actor.id), eq(flags.status, "open"), inArray(flags.targetId, targetIds)));
  return new Map(rows.map((row) => [row.targetId, row.id]));
}
