import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor, type Transaction } from "@/db/client";
import { posts, replies, scenarios, users } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { Conflict, NotFound } from "@/lib/errors";
import { markCommunityChanged } from "@/lib/forecasts/community";
import { getPost } from "@/lib/forum/posts";
import { authorColumns } from "@/lib/forum/replies";
import { toReplyView, type ReplyView } from "@/lib/forum/reply-view";
import { selectScenarioViews, type ScenarioView } from "@/lib/forum/scenario-view";
import { getScenario } from "@/lib/forum/scenarios";
import type { PostView } from "@/lib/forum/post-view";
import type { LiveEventData, LiveEventType } from "@/lib/live/event-types";
import { transactWithEvents, type Emit } from "@/lib/live/outbox";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { lockContentTarget, moderatedTypes, type ContentTarget, type ModeratedType } from "./content-target";
import { nextVersion, recordAction, stepScenarioCount, ModerationVersion, type ModerationEntryView } from "./action-record";
import { ModerationReason } from "./log";

export const contentActions = ["hide", "restore", "lock", "unlock", "pin", "unpin"] as const;
export type ContentAction = (typeof contentActions)[number];

/** Which action applies to which kind of content (API.md, "Moderation"). */
const actionsFor: Record<ModeratedType, readonly ContentAction[]> = {
  post: ["hide", "restore", "lock", "unlock"],
  scenario: ["hide", "restore", "lock", "unlock", "pin", "unpin"],
  reply: ["hide", "restore"],
};

/** At most this many pinned scenarios per post: pins are for the few a moderator wants read first. */
export const maxPinsPerPost = 3;

export const ModerateContentInput = z
  .object({
    targetType: z.enum(moderatedTypes),
    targetId: Identifier,
    action: z.enum(contentActions),
    reason: ModerationReason,
    version: ModerationVersion,
  })
  .refine((input) => actionsFor[input.targetType].includes(input.action), {
    message: "this action does not apply to this kind of content (hide and restore: any; lock and unlock: post, scenario; pin and unpin: scenario)",
    path: ["action"],
  });
export type ModerateContentInput = Unparsed<typeof ModerateContentInput>;

type Effect = { inEffect: (target: ContentTarget) => boolean; set: Partial<Pick<ContentTarget, "status" | "isLocked" | "isPinned">> };
const effects: Record<ContentAction, Effect> = {
  hide: { inEffect: (t) => t.status === "hidden", set: { status: "hidden" } },
  restore: { inEffect: (t) => t.status === "visible", set: { status: "visible" } },
  lock: { inEffect: (t) => t.isLocked, set: { isLocked: true } },
  unlock: { inEffect: (t) => !t.isLocked, set: { isLocked: false } },
  pin: { inEffect: (t) => t.isPinned, set: { isPinned: true } },
  unpin: { inEffect: (t) => !t.isPinned, set: { isPinned: false } },
};

export type ModerationOutcome = {
  /** False when the action was already in effect: nothing was written. */
  changed: boolean;
  target: ContentTarget;
  entry: ModerationEntryView | null;
};

/**
 * Applies one moderator action inside the caller's transaction (which holds the target's row lock from here on):
 * the change, the counters it moves (a post's visible scenarios, a scenario's visible replies), the target's
 * moderation note, its moderation-log row and its live event. Already in effect: changes nothing. A `version`
 * other than the target's: 409 naming who acted since. A null actor is the forum itself (auto-hide from flags).
 * The caller publishes after the commit and then calls settleModeration.
 */
export async function applyModeration(
  tx: Transaction,
  emit: Emit,
  actor: Actor | null,
  input: { targetType: ModeratedType; targetId: string; action: ContentAction; reason: string; version?: number },
): Promise<ModerationOutcome> {
  const { targetType, targetId, action, reason, version: loaded } = input;
  const target = await lockContentTarget(tx, targetType, targetId);
  if (!target) throw new NotFound(`The ${targetType}`);
  const effect = effects[action];
  if (effect.inEffect(target)) return { changed: false, target, entry: null };
  const version = nextVersion(target, loaded);
  if (target.status === "merged" && (action === "hide" || action === "restore")) {
    throw new Conflict("This scenario was merged into another; unmerge it to act on it on its own.");
  }
  if (action === "pin") await assertRoomForPin(tx, target);

  const previous = { status: target.status, isLocked: target.isLocked, isPinned: target.isPinned };
  // What changed, from what: enough to undo it.
  const change = { ...Object.fromEntries(Object.entries(effect.set).map(([key, to]) => [key, { from: previous[key as keyof typeof previous], to }])), version };
  const { note, entry } = await recordAction(tx, actor, { targetType, targetId, action, reason, change });
  const table = { post: posts, scenario: scenarios, reply: replies }[targetType];
  await tx.update(table).set({ ...effect.set, moderation: note }).where(eq(table.id, targetId));
  const counters = await moveCounters(tx, target, action);
  const after: ContentTarget = { ...target, ...effect.set, moderation: note };
  await emit(target.postId, eventType(targetType, action), await eventData(tx, after, action, counters));
  return { changed: true, target: after, entry };
}

/** What follows a committed action outside its transaction: a scenario leaving or rejoining the community forecast. */
export function settleModeration(outcome: ModerationOutcome): void {
  const { changed, target, entry } = outcome;
  if (changed && target.targetType === "scenario" && (entry?.action === "hide" || entry?.action === "restore")) markCommunityChanged(target.postId);
}

async function assertRoomForPin(tx: Transaction, target: ContentTarget): Promise<void> {
  if (target.status !== "visible") throw new Conflict("Only a visible scenario can be pinned; restore it first.");
  // The post's row lock orders concurrent pins on one post, so the count below cannot be passed by a race.
  await tx.select({ id: posts.id }).from(posts).where(eq(posts.id, target.postId)).for("update");
  const [row] = await tx
    .select({ pinned: sql<number>`count(*)::int` })
    .from(scenarios)
    .where(and(eq(scenarios.postId, target.postId), eq(scenarios.isPinned, true), ne(scenarios.id, target.id)));
  if (row!.pinned >= maxPinsPerPost) throw new Conflict(`A post holds at most ${maxPinsPerPost} pinned scenarios; unpin one first.`);
}

type Counters = { scenarioCount?: number; replyCount?: number };

/**
 * Keeps the counters equal to a recount: a post counts its visible scenarios, a scenario its visible replies.
 * Returns the new figure for the event.
 */
async function moveCounters(tx: Transaction, target: ContentTarget, action: ContentAction): Promise<Counters> {
  if (action !== "hide" && action !== "restore") return {};
  const step = action === "hide" ? -1 : 1;
  if (target.targetType === "scenario") return { scenarioCount: await stepScenarioCount(tx, target.postId, step) };
  if (target.targetType === "reply") {
    const [row] = await tx
      .update(scenarios)
      .set({ replyCount: sql`${scenarios.replyCount} + ${step}` })
      .where(eq(scenarios.id, target.scenarioId!))
      .returning({ replyCount: scenarios.replyCount });
    return { replyCount: row!.replyCount };
  }
  return {};
}

type ModerationEventType = Extract<LiveEventType, "content.hidden" | "content.restored" | `${"post" | "scenario"}.${"locked" | "unlocked" | "pinned" | "unpinned"}`>;

/** The live event's type, by API.md's names (lock and unlock: posts and scenarios; pin and unpin: scenarios). */
function eventType(targetType: ModeratedType, action: ContentAction): ModerationEventType {
  if (action === "hide") return "content.hidden";
  if (action === "restore") return "content.restored";
  if (action === "lock" || action === "unlock") return `${targetType}.${action}ed` as ModerationEventType;
  return `scenario.${action}ned`;
}

/**
 * What every reader of the post is told: no text and no reason for a hide (the event goes to the whole room); a
 * restore carries the content again as anyone may now read it, so open pages can put it back.
 */
async function eventData(tx: Transaction, target: ContentTarget, action: ContentAction, counters: Counters): Promise<LiveEventData[ModerationEventType]> {
  const base = { targetType: target.targetType, targetId: target.id, scenarioId: target.scenarioId, authorId: target.authorId, version: target.moderation!.version, ...counters };
  if (action === "lock" || action === "unlock") return { ...base, locked: target.isLocked };
  if (action === "pin" || action === "unpin") return { ...base, pinned: target.isPinned };
  if (action === "restore" && target.targetType === "scenario") {
    const [scenario] = await selectScenarioViews(tx, eq(scenarios.id, target.id), null);
    return { ...base, scenario };
  }
  if (action === "restore" && target.targetType === "reply") return { ...base, reply: await readReplyView(tx, target.id, null) };
  return base;
}

async function readReplyView(tx: Executor, replyId: string, viewer: Actor | null): Promise<ReplyView> {
  const [row] = await tx.select({ reply: replies, author: authorColumns }).from(replies).innerJoin(users, eq(users.id, replies.authorId)).where(eq(replies.id, replyId));
  return toReplyView(row!.reply, row!.author, viewer);
}

/**
 * `POST /mod/{targetType}/{targetId}/{action}`: hide or restore a post, scenario or reply; lock or unlock a post or
 * scenario; pin or unpin a scenario. Moderators, with a reason. One transaction holds the change, its log row and
 * its event; repeating an action in effect answers the current state and writes nothing (`entry: null`); a
 * `version` the target has moved past is a 409 naming who did what since.
 */
export async function moderateContent(
  ctx: Context,
  input: ModerateContentInput,
): Promise<{ target: PostView | ScenarioView | ReplyView; entry: ModerationEntryView | null }> {
  const actor = assertCan(ctx.actor, { action: "content.moderate" });
  const parsed = parseInput(ModerateContentInput, input);
  const outcome = await transactWithEvents((tx, emit) => applyModeration(tx, emit, actor, parsed));
  settleModeration(outcome);
  return { target: await readTargetView(ctx, outcome.target), entry: outcome.entry };
}

/** The target as the acting moderator now sees it. */
async function readTargetView(ctx: Context, target: ContentTarget): Promise<PostView | ScenarioView | ReplyView> {
  if (target.targetType === "post") return getPost(ctx, { idOrSlug: target.id });
  if (target.targetType === "scenario") return getScenario(ctx, { scenarioId: target.id });
  return readReplyView(await getDb(), target.id, ctx.actor);
}
