import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { forecastScores, forecasts, moderationLog, posts, resolutionOutcomes, scenarios, users } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { transactWithEvents } from "@/lib/live/outbox";
import { userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { scoreTimeAveragedBrier, type Resolution } from "./brier";

export const ResolvePostInput = z.object({
  postId: Identifier,
  outcome: z.enum(resolutionOutcomes),
  scenarioId: Identifier.optional(),
  note: userText(0, 2000).default(""),
  /** When the outcome happened; forecasts made after it do not count. Defaults to now. */
  resolvedAt: z.iso.datetime().optional(),
});
export type ResolvePostInput = Unparsed<typeof ResolvePostInput>;

export type ResolutionView = { outcome: (typeof resolutionOutcomes)[number]; scenarioId: string | null; note: string; resolvedAt: string; scored: number };

/**
 * Resolves a post: which scenario happened (or Other, or annulled), with a note and a date. Moderators; once.
 * Forecasting closes; each forecaster gets a time-averaged Brier score (none when annulled); the action is
 * logged and announced as `post.resolved`.
 */
export async function resolvePost(ctx: Context, input: ResolvePostInput): Promise<ResolutionView> {
  // Who may resolve at all is decided before the body is read, so a caller who may not learns nothing of its schema.
  assertCan(ctx.actor, { action: "post.resolve", target: { post: { isResolved: false } } });
  const { postId, outcome, scenarioId, note, resolvedAt: at } = parseInput(ResolvePostInput, input);
  const db = await getDb();
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  if (!post) throw new NotFound("The post");
  const actor = assertCan(ctx.actor, { action: "post.resolve", target: { post: { isResolved: post.resolvedAt !== null } } });
  const resolvedAt = at ? new Date(at) : new Date();
  if (resolvedAt > new Date() || resolvedAt < post.createdAt) {
    throw new ValidationFailed("The resolution date must lie between the post's creation and now.", [{ path: "resolvedAt", message: "out of range" }]);
  }
  if ((outcome === "scenario") !== !!scenarioId) {
    throw new ValidationFailed("Name the scenario that happened, and only for that outcome.", [{ path: "scenarioId", message: "required exactly when outcome is scenario" }]);
  }
  if (scenarioId) {
    const [scenario] = await db.select({ id: scenarios.id }).from(scenarios).where(and(eq(scenarios.id, scenarioId), eq(scenarios.postId, postId), eq(scenarios.status, "visible")));
    if (!scenario) throw new ValidationFailed("That is not a visible scenario of this post.", [{ path: "scenarioId", message: "not a visible scenario of this post" }]);
  }
  const resolution: Resolution = outcome === "scenario" ? { outcome, scenarioId: scenarioId! } : { outcome };

  return transactWithEvents(async (tx, emit) => {
    await tx.update(posts).set({ resolvedAt, resolutionOutcome: outcome, resolvedScenarioId: scenarioId ?? null, resolutionNote: note }).where(eq(posts.id, postId));
    const history = await tx
      .select({ userId: forecasts.userId, at: forecasts.createdAt, probabilities: forecasts.probabilities, other: forecasts.other })
      .from(forecasts)
      .where(eq(forecasts.postId, postId))
      .orderBy(asc(forecasts.createdAt));
    const byUser = new Map<string, typeof history>();
    for (const forecast of history) byUser.set(forecast.userId, [...(byUser.get(forecast.userId) ?? []), forecast]);
    const scores = [...byUser]
      .map(([userId, own]) => ({ postId, userId, brier: scoreTimeAveragedBrier(own, { openedAt: post.createdAt, resolvedAt }, resolution) }))
      .filter((s): s is { postId: string; userId: string; brier: number } => s.brier !== null);
    if (scores.length > 0) await tx.insert(forecastScores).values(scores);
    await tx.insert(moderationLog).values({ actorId: actor.id, action: "post.resolve", targetType: "post", targetId: postId, reason: note, details: { outcome, scenarioId: scenarioId ?? null } });
    const view: ResolutionView = { outcome, scenarioId: scenarioId ?? null, note, resolvedAt: resolvedAt.toISOString(), scored: scores.length };
    await emit(postId, "post.resolved", { resolution: view });
    return view;
  });
}

/** A resolved post's forecasters by time-averaged Brier score, best (lowest) first. Anyone may read. */
export async function listPostScores(_ctx: Context, input: { postId?: unknown }) {
  const { postId } = parseInput(z.object({ postId: Identifier }), input);
  const rows = await (await getDb())
    .select({ brier: forecastScores.brier, user: { id: users.id, handle: users.handle, name: users.name } })
    .from(forecastScores)
    .innerJoin(users, eq(users.id, forecastScores.userId))
    .where(eq(forecastScores.postId, postId))
    .orderBy(asc(forecastScores.brier), asc(users.handle));
  return rows;
}

/** A member's scores on resolved posts, newest first. Anyone may read (scores are public, like on Metaculus). */
export async function listUserScores(_ctx: Context, input: { userId?: unknown }) {
  const { userId } = parseInput(z.object({ userId: Identifier }), input);
  return (await getDb())
    .select({ brier: forecastScores.brier, post: { id: posts.id, slug: posts.slug, title: posts.title, lang: posts.lang } })
    .from(forecastScores)
    .innerJoin(posts, eq(posts.id, forecastScores.postId))
    .where(eq(forecastScores.userId, userId))
    .orderBy(desc(posts.resolvedAt));
}
