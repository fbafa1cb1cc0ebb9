import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { moderationLog, scenarios, type ModerationNote } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { Conflict, NotFound, ValidationFailed } from "@/lib/errors";
import { markCommunityChanged } from "@/lib/forecasts/community";
import { selectScenarioViews, type ScenarioView } from "@/lib/forum/scenario-view";
import { getScenario } from "@/lib/forum/scenarios";
import { transactWithEvents, type Emit } from "@/lib/live/outbox";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { nextVersion, recordAction, stepScenarioCount, ModerationVersion, type ModerationEntryView } from "./action-record";
import { ModerationReason } from "./log";
import { moveRows, moveRowsBack, recountScenarios, type MovedRows, type ScenarioTotals } from "./merge-rows";

export const MergeScenarioInput = z
  .object({ scenarioId: Identifier, into: Identifier, reason: ModerationReason, version: ModerationVersion })
  .refine((input) => input.scenarioId !== input.into, { message: "a scenario cannot be merged into itself", path: ["into"] });
export type MergeScenarioInput = Unparsed<typeof MergeScenarioInput>;

export const UnmergeScenarioInput = z.object({ scenarioId: Identifier, reason: ModerationReason, version: ModerationVersion });
export type UnmergeScenarioInput = Unparsed<typeof UnmergeScenarioInput>;

/** What a merge's log row keeps (`change`): enough for unmerge to put every moved row back. */
export type MergeChange = MovedRows & { status: { from: "visible" | "hidden"; to: "merged" }; into: string; version: number };

/** What an unmerge's log row keeps: the state the scenario went back to, and the scenario it left. */
type UnmergeChange = { status: { from: "merged"; to: "visible" | "hidden" }; from: string; version: number };

type Locked = { id: string; postId: string; authorId: string; status: "visible" | "hidden" | "merged"; mergedIntoId: string | null; moderation: ModerationNote | null };

/** Reads the scenarios and takes their row locks, in id order so two merges of one pair cannot deadlock. */
async function lockScenarios(tx: Transaction, ids: string[]): Promise<Map<string, Locked>> {
  const rows = await tx
    .select({ id: scenarios.id, postId: scenarios.postId, authorId: scenarios.authorId, status: scenarios.status, mergedIntoId: scenarios.mergedIntoId, moderation: scenarios.moderation })
    .from(scenarios)
    .where(inArray(scenarios.id, ids))
    .orderBy(asc(scenarios.id))
    .for("update");
  return new Map(rows.map((row) => [row.id, row]));
}

type Outcome = { postId: string; entry: ModerationEntryView | null };

/**
 * The moderation note, the log row (which notifies the author of a merge) and the live event of a merge or an
 * unmerge, and the post's count of visible scenarios when the scenario leaves or rejoins them.
 */
async function record(
  tx: Transaction,
  emit: Emit,
  actor: Actor,
  what: { action: "merge" | "unmerge"; scenario: Locked; reason: string; change: MergeChange | UnmergeChange; set: Partial<typeof scenarios.$inferInsert> },
  totals: ScenarioTotals[],
  countStep: number,
): Promise<ModerationEntryView> {
  const { action, scenario, reason, change, set } = what;
  const { note, entry } = await recordAction(tx, actor, { targetType: "scenario", targetId: scenario.id, action, reason, change });
  await tx.update(scenarios).set({ ...set, moderation: note }).where(eq(scenarios.id, scenario.id));
  const scenarioCount = await stepScenarioCount(tx, scenario.postId, countStep);
  const base = { targetType: "scenario" as const, targetId: scenario.id, scenarioId: scenario.id, authorId: scenario.authorId, version: note.version, scenarioCount, scenarios: totals };
  if ("into" in change) await emit(scenario.postId, "scenario.merged", { ...base, into: change.into });
  else {
    // Back among the visible scenarios, it carries its content as anyone may now read it, like a restore.
    const [view] = set.status === "visible" ? await selectScenarioViews(tx, eq(scenarios.id, scenario.id), null) : [];
    await emit(scenario.postId, "scenario.unmerged", { ...base, from: change.from, ...(view ? { scenario: { ...view, myVote: undefined } } : {}) });
  }
  return entry;
}

/**
 * `POST /mod/scenario/{id}/merge {into, reason}`: a moderator folds a scenario into another of the same post.
 * Replies, votes (one per member, the target's wins) and forecast shares move to `into` (see moveRows); the
 * counters are recounted, the merged scenario leaves the lists, the map and the community forecast, and its
 * `mergedInto` leads its links to the target. One transaction with the log row (what moved, for unmerge) and the
 * `scenario.merged` event. Already merged into `into`: answers the target and writes nothing.
 */
export async function mergeScenario(ctx: Context, input: MergeScenarioInput): Promise<{ scenario: ScenarioView; entry: ModerationEntryView | null }> {
  const actor = assertCan(ctx.actor, { action: "content.moderate" });
  const { scenarioId, into, reason, version } = parseInput(MergeScenarioInput, input);
  const outcome = await transactWithEvents(async (tx, emit): Promise<Outcome> => {
    const locked = await lockScenarios(tx, [scenarioId, into]);
    const [source, target] = [locked.get(scenarioId), locked.get(into)];
    if (!source) throw new NotFound("The scenario");
    if (!target) throw new NotFound("The scenario to merge into");
    if (target.postId !== source.postId) throw new ValidationFailed("A scenario can only be merged into another scenario of the same post.", [{ path: "into", message: "a scenario of another post" }]);
    if (source.status === "merged" && source.mergedIntoId === into) return { postId: source.postId, entry: null };
    if (source.status === "merged") throw new Conflict("This scenario is already merged into another one; unmerge it first.");
    if (target.status !== "visible") throw new Conflict(`The scenario to merge into is ${target.status}; only a visible scenario can take a merge.`);
    const next = nextVersion({ targetType: "scenario", moderation: source.moderation }, version);

    const moved = await moveRows(tx, { postId: source.postId, from: source.id, into, intoAuthorId: target.authorId });
    const totals = await recountScenarios(tx, [source.id, into]);
    const change: MergeChange = { status: { from: source.status, to: "merged" }, into, version: next, ...moved };
    const what = { action: "merge" as const, scenario: source, reason, change, set: { status: "merged" as const, mergedIntoId: into } };
    const entry = await record(tx, emit, actor, what, totals, source.status === "visible" ? -1 : 0);
    return { postId: source.postId, entry };
  });
  if (outcome.entry) markCommunityChanged(outcome.postId);
  return { scenario: await getScenario(ctx, { scenarioId: into }), entry: outcome.entry };
}

/** The change its latest merge recorded, or a 409 when there is none (a scenario marked merged by other means). */
async function latestMerge(tx: Transaction, scenarioId: string): Promise<MergeChange> {
  const [row] = await tx
    .select({ details: moderationLog.details })
    .from(moderationLog)
    .where(and(eq(moderationLog.targetType, "scenario"), eq(moderationLog.targetId, scenarioId), eq(moderationLog.action, "merge")))
    .orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
    .limit(1);
  if (!row?.details) throw new Conflict("No merge of this scenario is on record, so there is nothing to put back.");
  return row.details as MergeChange;
}

/**
 * `POST /mod/scenario/{id}/unmerge {reason}`: undoes the scenario's merge from its log row: every moved reply,
 * vote and forecast share goes back, the counters are recounted, and the scenario returns to the state it had
 * (visible or hidden). Not merged: answers the scenario and writes nothing. While the scenario it went into is
 * itself merged, that merge has to be undone first (its rows moved on with it).
 */
export async function unmergeScenario(ctx: Context, input: UnmergeScenarioInput): Promise<{ scenario: ScenarioView; entry: ModerationEntryView | null }> {
  const actor = assertCan(ctx.actor, { action: "content.moderate" });
  const { scenarioId, reason, version } = parseInput(UnmergeScenarioInput, input);
  const outcome = await transactWithEvents(async (tx, emit): Promise<Outcome> => {
    const [found] = await tx.select({ status: scenarios.status, mergedIntoId: scenarios.mergedIntoId }).from(scenarios).where(eq(scenarios.id, scenarioId));
    if (!found) throw new NotFound("The scenario");
    const locked = await lockScenarios(tx, found.mergedIntoId ? [scenarioId, found.mergedIntoId] : [scenarioId]);
    const source = locked.get(scenarioId)!;
    if (source.mergedIntoId !== found.mergedIntoId) throw new Conflict("This scenario changed while you acted on it; look again.");
    if (source.status !== "merged" || !source.mergedIntoId) return { postId: source.postId, entry: null };
    const into = source.mergedIntoId;
    if (locked.get(into)?.status === "merged") throw new Conflict("The scenario this one was merged into is merged itself; unmerge that one first.");
    const next = nextVersion({ targetType: "scenario", moderation: source.moderation }, version);
    const merge = await latestMerge(tx, scenarioId);

    await moveRowsBack(tx, { from: scenarioId, into }, merge);
    const totals = await recountScenarios(tx, [scenarioId, into]);
    const status = merge.status.from;
    const change: UnmergeChange = { status: { from: "merged", to: status }, from: into, version: next };
    const what = { action: "unmerge" as const, scenario: source, reason, change, set: { status, mergedIntoId: null } };
    const entry = await record(tx, emit, actor, what, totals, status === "visible" ? 1 : 0);
    return { postId: source.postId, entry };
  });
  if (outcome.entry) markCommunityChanged(outcome.postId);
  return { scenario: await getScenario(ctx, { scenarioId }), entry: outcome.entry };
}
