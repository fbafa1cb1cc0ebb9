import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db/client";
import { flaggerStats, flags, pendingReviewStates, posts, replies, reviewDecisions, reviewItems, scenarios, users, type ReviewDecision, type ReviewItem } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { Conflict, NotFound } from "@/lib/errors";
import { announceQueue } from "@/lib/live/moderator-sockets";
import { transactWithEvents, type Emit } from "@/lib/live/outbox";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { applyModeration, settleModeration, type ModerationOutcome } from "./content-actions";
import { lockContentTarget } from "./content-target";
import { flaggableTypes, flaggedContentUrl, type FlaggableType } from "./flag-target";
import { countOpenQueue } from "./flags";
import { recordModeration, ModerationReason } from "./log";

type Person = { id: string; handle: string; name: string };
/** The flagged text as stored, shown to moderators even when hidden: `body` is the source, `html` its sanitised rendering. */
export type QueueTarget = { id: string; postId: string; url: string; title: string | null; body: string; html: string; status: string; author: Person | null };
export type QueueItem = {
  targetType: FlaggableType;
  targetId: string;
  target: QueueTarget | null;
  flags: { id: string; reason: string; note: string | null; by: Person; at: string }[];
  score: number;
  state: string;
  autoHidden: boolean;
  version: number;
};

const person = { id: users.id, handle: users.handle, name: users.name };

/** The flagged texts, even hidden ones, with their authors: one query per kind of target on the page. */
async function readTargets(db: Database | Transaction, items: ReviewItem[]): Promise<Map<string, QueueTarget>> {
  const found = new Map<string, QueueTarget>();
  const idsOf = (type: FlaggableType) => items.filter((item) => item.targetType === type).map((item) => item.targetId);
  const sources = [
    { type: "post", table: posts, postId: posts.id, scenarioId: sql<null>`null`, title: posts.title },
    { type: "scenario", table: scenarios, postId: scenarios.postId, scenarioId: scenarios.id, title: scenarios.title },
    { type: "reply", table: replies, postId: replies.postId, scenarioId: replies.scenarioId, title: sql<null>`null` },
  ] as const;
  for (const { type, table, postId, scenarioId, title } of sources) {
    const ids = idsOf(type);
    if (ids.length === 0) continue;
    const rows = await db
      .select({ id: table.id, postId, scenarioId, title, body: table.body, html: table.html, status: table.status, author: person })
      .from(table)
      .leftJoin(users, eq(users.id, table.authorId))
      .where(inArray(table.id, ids));
    for (const { scenarioId, ...row } of rows) {
      const url = flaggedContentUrl(type, { id: row.id, postId: row.postId, scenarioId });
      found.set(`${type}:${row.id}`, { ...row, url, author: row.author?.id ? row.author : null });
    }
  }
  return found;
}

async function toQueueItems(db: Database | Transaction, items: ReviewItem[]): Promise<QueueItem[]> {
  if (items.length === 0) return [];
  const [targets, openFlags] = await Promise.all([
    readTargets(db, items),
    db
      .select({ id: flags.id, targetType: flags.targetType, targetId: flags.targetId, reason: flags.reason, note: flags.note, at: flags.createdAt, by: person })
      .from(flags)
      .innerJoin(users, eq(users.id, flags.reporterId))
      .where(
        and(
          eq(flags.status, "open"),
          inArray(flags.targetType, [...new Set(items.map((item) => item.targetType))]),
          inArray(flags.targetId, items.map((item) => item.targetId)),
        ),
      )
      .orderBy(asc(flags.createdAt)),
  ]);
  return items.map((item) => ({
    targetType: item.targetType as FlaggableType,
    targetId: item.targetId,
    target: targets.get(`${item.targetType}:${item.targetId}`) ?? null,
    flags: openFlags
      .filter((flag) => flag.targetType === item.targetType && flag.targetId === item.targetId)
      .map(({ id, reason, note, at, by }) => ({ id, reason, note, by, at: at.toISOString() })),
    score: item.score,
    state: item.state,
    autoHidden: item.autoHiddenAt !== null,
    version: item.version,
  }));
}

/** How many targets wait for a decision: the moderators' header count; null for anyone who may not review. */
export async function countPendingReviews(ctx: Context): Promise<number | null> {
  if (!can(ctx.actor, { action: "queue.review" })) return null;
  return countOpenQueue(await getDb());
}

/** `open` is everything that waits for a decision, auto-hidden items included (marked); the others narrow it. */
export const ListQueueInput = z.object({
  status: z.enum(["open", "deferred", "autohidden"]).default("open"),
  limit: Limit,
  cursor: z.string().max(500).optional(),
});
export type ListQueueInput = Unparsed<typeof ListQueueInput>;

const QueueCursor = z.tuple([z.number(), z.enum(flaggableTypes), Identifier]);

/**
 * The review queue: flagged targets, highest score first, each with its open flags, who made them, and the text
 * (hidden or not) with its author. Moderators only. The order is an index's (review_items_pending_idx read
 * backwards; ties by target, descending), so a page costs the same with ten flags or ten thousand.
 */
export async function listQueue(ctx: Context, input: ListQueueInput): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const { status, limit, cursor } = parseInput(ListQueueInput, input);
  assertCan(ctx.actor, { action: "queue.review" });
  const after = cursor ? decodeCursor(cursor, QueueCursor) : null;
  const db = await getDb();
  const key = sql`(${reviewItems.score}, ${reviewItems.targetType}, ${reviewItems.targetId})`;
  const rows = await db
    .select()
    .from(reviewItems)
    .where(
      and(
        status === "open" ? inArray(reviewItems.state, [...pendingReviewStates]) : eq(reviewItems.state, status),
        after ? sql`${key} < (${after[0]}, ${after[1]}::target_type, ${after[2]})` : undefined,
      ),
    )
    .orderBy(desc(reviewItems.score), desc(reviewItems.targetType), desc(reviewItems.targetId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await toQueueItems(db, page),
    nextCursor: rows.length > limit && last ? encodeCursor([last.score, last.targetType, last.targetId]) : null,
  };
}

export const DecideInput = z.object({
  targetType: z.enum(flaggableTypes),
  targetId: Identifier,
  decision: z.enum(reviewDecisions),
  reason: ModerationReason,
  version: z.number().int().min(1),
});
export type DecideInput = Unparsed<typeof DecideInput>;

const flagOutcome = { uphold: "resolved", dismiss: "dismissed" } as const;
const pastTense = { uphold: "upheld", dismiss: "dismissed", defer: "deferred" } as const;

/** Whether the item already stands as this decision left it: then a repeat answers it again and writes nothing. */
function isInEffect(item: ReviewItem, decision: DecideInput["decision"]): boolean {
  return item.decision === decision && item.state === (decision === "defer" ? "deferred" : "closed");
}

/**
 * Decides a flagged target: uphold (the flags were right), dismiss (they were not) or defer (later). Moderators
 * only. Upholding and dismissing close every open flag on it and move each flagger's record, which weighs their
 * later flags. `version` is the one the moderator loaded: if the item changed since, 409 naming who did what;
 * a repeat of a decision in effect is idempotent. The decision, the records and the log row are one transaction.
 */
export async function decideQueueItem(ctx: Context, input: DecideInput): Promise<QueueItem> {
  const { targetType, targetId, decision, reason, version } = parseInput(DecideInput, input);
  const actor = assertCan(ctx.actor, { action: "queue.review" });
  const db = await getDb();
  const { item, open, moderated } = await transactWithEvents(async (tx, emit) => {
    const where = and(eq(reviewItems.targetType, targetType), eq(reviewItems.targetId, targetId));
    const [current] = await tx.select().from(reviewItems).where(where).for("update");
    if (!current) throw new NotFound("The queue item");
    if (current.version !== version || current.state === "closed") {
      if (isInEffect(current, decision)) return { item: current, open: null, moderated: null };
      throw new Conflict(await describeChange(tx, current));
    }
    const moderated = await moderateTarget(tx, emit, actor, current, decision, reason);
    const decided =
      decision === "defer"
        ? []
        : await tx
            .update(flags)
            .set({ status: flagOutcome[decision], resolvedAt: sql`now()`, resolvedById: actor.id })
            .where(and(eq(flags.targetType, targetType), eq(flags.targetId, targetId), eq(flags.status, "open")))
            .returning({ id: flags.id, reporterId: flags.reporterId });
    if (decided.length > 0) {
      const column = decision === "uphold" ? "agreed" : "disagreed";
      await tx
        .insert(flaggerStats)
        .values(decided.map((flag) => ({ userId: flag.reporterId, [column]: 1 })))
        .onConflictDoUpdate({ target: flaggerStats.userId, set: { [column]: sql`${flaggerStats[column]} + 1` } });
    }
    const [updated] = await tx
      .update(reviewItems)
      .set({
        state: decision === "defer" ? "deferred" : "closed",
        ...(decision === "defer" ? {} : { score: 0, openFlags: 0 }),
        ...(decision === "dismiss" ? { autoHiddenAt: null } : {}),
        decision,
        decidedById: actor.id,
        decidedAt: sql`now()`,
        version: sql`${reviewItems.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(where)
      .returning();
    await recordModeration(tx, {
      actorId: actor.id,
      action: `queue.${decision}`,
      targetType,
      targetId,
      reason,
      details: { flagIds: decided.map((flag) => flag.id), previousState: current.state, version: current.version, autoHidden: current.autoHiddenAt !== null },
    });
    return { item: updated!, open: await countOpenQueue(tx), moderated };
  });
  if (moderated) settleModeration(moderated);
  if (open !== null) announceQueue(open);
  return (await toQueueItems(db, [item]))[0]!;
}

/**
 * What a decision does to the flagged content, in the decision's transaction: upholding hides it (already hidden:
 * nothing); dismissing restores it only when the forum itself hid it at the auto-hide threshold, so a hide a
 * moderator made stays. A merged scenario is left as it is: it lives on in the scenario it was merged into.
 */
async function moderateTarget(
  tx: Transaction,
  emit: Emit,
  actor: Actor,
  item: ReviewItem,
  decision: ReviewDecision,
  reason: string,
): Promise<ModerationOutcome | null> {
  if (decision === "defer") return null;
  const targetType = item.targetType as FlaggableType;
  const target = await lockContentTarget(tx, targetType, item.targetId);
  if (!target || target.status === "merged") return null;
  if (decision === "uphold") return applyModeration(tx, emit, actor, { targetType, targetId: item.targetId, action: "hide", reason });
  const hiddenByForum = item.autoHiddenAt !== null && target.status === "hidden" && target.moderation?.by === null;
  return hiddenByForum ? applyModeration(tx, emit, actor, { targetType, targetId: item.targetId, action: "restore", reason }) : null;
}

/** What a moderator is told when the item moved under them: who decided what, or that flags came or went. */
async function describeChange(tx: Transaction, item: ReviewItem): Promise<string> {
  if (!item.decision || !item.decidedById || (item.state !== "closed" && item.state !== "deferred")) {
    return "The flags on this item changed since you loaded it; reload the queue.";
  }
  const [who] = await tx.select({ handle: users.handle }).from(users).where(eq(users.id, item.decidedById));
  return `@${who?.handle ?? "someone"} already ${pastTense[item.decision]} this item${item.decidedAt ? ` at ${item.decidedAt.toISOString()}` : ""}.`;
}
