import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { preparedFor } from "@/db/prepared";
import { forecasts, newId, posts, scenarios, type Post } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, assertVisible } from "@/lib/auth/permissions";
import { Conflict, ValidationFailed } from "@/lib/errors";
import { maxForecastScenarios } from "@/lib/rules/forecast-limits";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { markCommunityChanged, readCommunity, readHistory, recentlyRecorded, type CommunityView } from "./community";

const PostId = Identifier;
const Percent = z.number().int("must be a whole number").min(0, "must be 0 to 100").max(100, "must be 0 to 100");

export const SubmitForecastInput = z.object({
  postId: PostId,
  probabilities: z
    .record(Identifier, Percent)
    .refine((p) => "other" in p, "must include other")
    .refine((p) => Object.keys(p).length <= maxForecastScenarios + 1, "too many scenarios")
    .refine((p) => Object.values(p).reduce((sum, v) => sum + v, 0) === 100, "must sum to exactly 100"),
});
export type SubmitForecastInput = Unparsed<typeof SubmitForecastInput>;

export type ForecastView = { probabilities: Record<string, number>; other: number; createdAt: string };

const toForecastView = (row: { probabilities: Record<string, number>; other: number; createdAt: Date }): ForecastView => ({
  probabilities: row.probabilities,
  other: row.other,
  createdAt: row.createdAt.toISOString(),
});

async function findPost(ctx: Context, postId: string): Promise<Pick<Post, "id" | "status" | "authorId">> {
  const [post] = await (await getDb()).select({ id: posts.id, status: posts.status, authorId: posts.authorId }).from(posts).where(eq(posts.id, postId));
  assertVisible(ctx.actor, { post });
  return post!;
}

/** The post's state for the permission check, and which of the given ids are its visible scenarios: one read. */
const forecastTarget = preparedFor((db) =>
  db
    .select({
      status: posts.status,
      authorId: posts.authorId,
      isLocked: posts.isLocked,
      resolvedAt: posts.resolvedAt,
      // Spelt out: drizzle leaves columns unqualified in a one-table select, and "id" would be ambiguous here.
      visibleIds: sql<string[]>`array(select s.id from ${scenarios} s where s.post_id = ${posts}.id and s.status = 'visible' and s.id = any(${sql.placeholder("ids")}::text[]))`,
    })
    .from(posts)
    .where(eq(posts.id, sql.placeholder("postId")))
    .prepare("forecast_target"),
);

/** Retires the member's current forecast and inserts the new one, in one statement (so in one transaction). */
const replaceForecast = preparedFor((db) => {
  const retired = db.$with("retired").as(
    db
      .update(forecasts)
      .set({ isCurrent: false })
      // `is_current` as written, not a bound `= true`: a prepared statement's generic plan can use the partial
      // index on current forecasts only when the query itself implies its predicate. (It fell back to scanning
      // every forecast on the post, slower with each submission.)
      .where(and(eq(forecasts.postId, sql.placeholder("postId")), eq(forecasts.userId, sql.placeholder("userId")), forecasts.isCurrent))
      .returning({ id: forecasts.id }),
  );
  return db
    .with(retired)
    .insert(forecasts)
    .values({
      // The id too: a $defaultFn would be evaluated once, when the statement is prepared.
      id: sql.placeholder("id"),
      postId: sql.placeholder("postId"),
      userId: sql.placeholder("userId"),
      probabilities: sql.placeholder("probabilities"),
      other: sql.placeholder("other"),
      // Always true, but read from the retirement: that makes PostgreSQL retire the previous forecast before it
      // inserts this one (sub-statements otherwise run in no set order), so the unique index sees one current row.
      isCurrent: sql`(select count(*) >= 0 from ${retired})`,
    })
    .returning({ probabilities: forecasts.probabilities, other: forecasts.other, createdAt: forecasts.createdAt })
    .prepare("replace_forecast");
});

/**
 * Replaces the member's forecast on a post: integers 0–100 over the post's visible scenarios plus `other`,
 * summing to exactly 100 (scenarios left out count as 0). Active members, until the post is resolved. The old
 * forecast stays in the history. The community figure is recomputed within a quarter second; the answer
 * carries the latest recorded one.
 */
export async function submitForecast(ctx: Context, input: SubmitForecastInput): Promise<{ forecast: ForecastView; community: CommunityView }> {
  const { postId, probabilities } = parseInput(SubmitForecastInput, input);
  const { other, ...byScenario } = probabilities;
  const ids = Object.keys(byScenario);
  const db = await getDb();
  const [post] = await forecastTarget(db).execute({ postId, ids });
  assertVisible(ctx.actor, { post });
  const actor = assertCan(ctx.actor, { action: "forecast.submit", target: { post: { isLocked: post!.isLocked, isResolved: post!.resolvedAt !== null } } });
  const unknown = ids.filter((id) => !post!.visibleIds.includes(id));
  if (unknown.length > 0) {
    throw new ValidationFailed(
      "Some ids are not visible scenarios of this post.",
      unknown.map((id) => ({ path: `probabilities.${id}`, message: "not a visible scenario of this post" })),
    );
  }
  const row = await insertRetrying(() => replaceForecast(db).execute({ id: newId(), postId, userId: actor.id, probabilities: byScenario, other: other! }));
  markCommunityChanged(postId);
  return { forecast: toForecastView(row!), community: recentlyRecorded(postId) ?? (await readCommunity(postId)) };
}

/**
 * Submissions of one member racing on one post: a statement cannot see the row a concurrent one inserted after
 * it began, and the unique index on current forecasts refuses its insert. Running it again retires that row.
 */
async function insertRetrying<T>(statement: () => Promise<T[]>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await statement())[0];
    } catch (error) {
      if (!isUniqueViolation(error, "forecasts_current_key")) throw error;
      if (attempt === 10) throw new Conflict("Other forecasts of yours on this post were being saved at the same moment; try again.");
    }
  }
}

/** The community forecast of a post and, for a signed-in member, their current forecast. Anyone may read. */
export async function getForecast(ctx: Context, input: { postId?: unknown }): Promise<{ community: CommunityView; mine?: ForecastView | null }> {
  const { postId } = parseInput(z.object({ postId: PostId }), input);
  const post = await findPost(ctx, postId);
  const community = await readCommunity(post.id);
  if (!ctx.actor) return { community };
  return { community, mine: await currentForecastOf(ctx.actor.id, post.id) };
}

/** A member's current forecast on a post (null before their first); the caller has checked the post is theirs to read. */
export async function currentForecastOf(userId: string, postId: string): Promise<ForecastView | null> {
  const [mine] = await (await getDb())
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.postId, postId), eq(forecasts.userId, userId), forecasts.isCurrent));
  return mine ? toForecastView(mine) : null;
}

export const ForecastHistoryInput = z.object({ postId: PostId, scenarioId: Identifier });
export type ForecastHistoryInput = Unparsed<typeof ForecastHistoryInput>;

/** A scenario's (or `other`'s) community forecast over time, from when it was revealed. Anyone may read. */
export async function getForecastHistory(ctx: Context, input: ForecastHistoryInput) {
  const { postId, scenarioId } = parseInput(ForecastHistoryInput, input);
  const post = await findPost(ctx, postId);
  if (scenarioId !== "other") {
    const [scenario] = await (await getDb())
      .select({ status: scenarios.status, authorId: scenarios.authorId })
      .from(scenarios)
      .where(and(eq(scenarios.id, scenarioId), eq(scenarios.postId, post.id)));
    assertVisible(ctx.actor, { post, scenario });
  }
  return { points: await readHistory(post.id, scenarioId === "other" ? null : scenarioId) };
}

/** The signed-in member's forecasts on a post, oldest first (to mark them on the history chart). */
export async function listMyForecasts(ctx: Context, input: { postId?: unknown }): Promise<ForecastView[]> {
  const { postId } = parseInput(z.object({ postId: PostId }), input);
  if (!ctx.actor) return [];
  const rows = await (await getDb())
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.postId, postId), eq(forecasts.userId, ctx.actor.id)))
    .orderBy(asc(forecasts.createdAt));
  return rows.map(toForecastView);
}

