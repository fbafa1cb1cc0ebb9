import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { preparedFor } from "@/db/prepared";
import { communityForecastPoints, forecasts, scenarios } from "@/db/schema";
import { env } from "@/lib/env";
import { createCoalescer } from "@/lib/live/coalescer";
import { transactWithEvents } from "@/lib/live/outbox";
import { aggregateForecasts } from "./aggregate";

export type CommunityBand = { probability: number; low: number; high: number };
export type ScenarioCommunity = CommunityBand & { forecasters: number };
/** The contract's shape: one band per scenario id, `other`, and how many forecast; hidden below the threshold. */
export type CommunityView = {
  forecasters: number;
  revealed: boolean;
  scenarios: Record<string, ScenarioCommunity>;
  other: CommunityBand | null;
};

const emptyView = (forecasters: number): CommunityView => ({ forecasters, revealed: false, scenarios: {}, other: null });

// Within this window a new figure replaces the latest recorded point instead of adding one: history is coalesced.
const pointWindowMs = 60_000;

/** Recomputes a post's community forecast from every current forecast and records it (coalesced). */
export async function recomputeCommunity(tx: Executor, postId: string): Promise<CommunityView> {
  const [current, visible] = await Promise.all([
    tx.select({ at: forecasts.createdAt, probabilities: forecasts.probabilities, other: forecasts.other }).from(forecasts).where(and(eq(forecasts.postId, postId), forecasts.isCurrent)),
    tx.select({ id: scenarios.id, createdAt: scenarios.createdAt }).from(scenarios).where(and(eq(scenarios.postId, postId), eq(scenarios.status, "visible"))),
  ]);
  const community = aggregateForecasts(current, visible);
  if (!community) return emptyView(0);
  const now = new Date();
  const rows: PointRow[] = [
    ...Object.entries(community.scenarios).map(([scenarioId, band]) => ({ scenarioId, ...band })),
    { scenarioId: null, ...community.other, forecasters: community.forecasters },
  ];
  const [latest] = await tx
    .select({ at: communityForecastPoints.at })
    .from(communityForecastPoints)
    .where(eq(communityForecastPoints.postId, postId))
    .orderBy(desc(communityForecastPoints.at))
    .limit(1);
  if (latest && now.getTime() - latest.at.getTime() < pointWindowMs) {
    await tx.delete(communityForecastPoints).where(and(eq(communityForecastPoints.postId, postId), eq(communityForecastPoints.at, latest.at)));
  }
  const at = latest && now.getTime() - latest.at.getTime() < pointWindowMs ? latest.at : now;
  await tx.insert(communityForecastPoints).values(rows.map((row) => ({ postId, at, scenarioId: row.scenarioId, probability: row.probability, low: row.low, high: row.high, forecasters: row.forecasters })));
  return toView(community.forecasters, rows);
}

type PointRow = { scenarioId: string | null; probability: number; low: number; high: number; forecasters: number };

function toView(forecasters: number, rows: PointRow[]): CommunityView {
  if (forecasters < env().MIZAN_FORECAST_MIN_FORECASTERS) return emptyView(forecasters);
  const view: CommunityView = { forecasters, revealed: true, scenarios: {}, other: null };
  for (const row of rows) {
    const band = { probability: row.probability, low: row.low, high: row.high };
    if (row.scenarioId === null) view.other = band;
    else view.scenarios[row.scenarioId] = { ...band, forecasters: row.forecasters };
  }
  return view;
}

const latestPoints = preparedFor((db) => {
  const latestAt = db
    .select({ at: sql`max(${communityForecastPoints.at})` })
    .from(communityForecastPoints)
    .where(and(eq(communityForecastPoints.postId, sql.placeholder("postId")), isNull(communityForecastPoints.scenarioId)));
  return db
    .select()
    .from(communityForecastPoints)
    .where(and(eq(communityForecastPoints.postId, sql.placeholder("postId")), eq(communityForecastPoints.at, latestAt)))
    .prepare("latest_community_points");
});

/** The latest recorded community forecast of a post (what readers and the API see). */
export async function readCommunity(postId: string): Promise<CommunityView> {
  const rows = await latestPoints(await getDb()).execute({ postId });
  const total = rows.find((row) => row.scenarioId === null);
  return total ? toView(total.forecasters, rows) : emptyView(0);
}

/** One scenario's (or Other's) recorded community figures over time, oldest first, from when they were revealed. */
export async function readHistory(postId: string, scenarioId: string | null) {
  const rows = await (await getDb())
    .select({ at: communityForecastPoints.at, probability: communityForecastPoints.probability, low: communityForecastPoints.low, high: communityForecastPoints.high, forecasters: communityForecastPoints.forecasters })
    .from(communityForecastPoints)
    .where(
      and(
        eq(communityForecastPoints.postId, postId),
        scenarioId === null ? isNull(communityForecastPoints.scenarioId) : eq(communityForecastPoints.scenarioId, scenarioId),
        sql`${communityForecastPoints.at} in (select at from ${communityForecastPoints} p where p.post_id = ${postId} and p.scenario_id is null and p.forecasters >= ${env().MIZAN_FORECAST_MIN_FORECASTERS})`,
      ),
    )
    .orderBy(communityForecastPoints.at);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/**
 * Forecasts are announced coalesced, like vote totals: a submission commits only its rows and marks its post;
 * at most every 250 ms each marked post's community forecast is recomputed, recorded and announced in one
 * `forecast.updated` event, so hundreds of submissions a second cost a few aggregations.
 */
const changes = createCoalescer<string, true>("community forecast", 250, async (postId) => {
  const community = await transactWithEvents(async (tx, emit) => {
    const community = await recomputeCommunity(tx, postId);
    await emit(postId, "forecast.updated", { community });
    return community;
  });
  recorded.set(postId, { community, at: Date.now() });
});

/** What this process last recorded per post, so that a submission under load need not read it back. */
const recorded = new Map<string, { community: CommunityView; at: number }>();

/**
 * The community forecast this process recorded for a post within the last second, if it did: what a submission
 * answers with under load (the figure is recomputed every quarter second then). Readers use readCommunity.
 */
export function recentlyRecorded(postId: string): CommunityView | undefined {
  const entry = recorded.get(postId);
  return entry && Date.now() - entry.at < 1000 ? entry.community : undefined;
}

export function markCommunityChanged(postId: string): void {
  changes.mark(postId, true);
}

/** Recomputes and announces every pending change now (also called on shutdown). */
export function flushCommunity(): Promise<void> {
  return changes.flush();
}

/**
 * After a scenario is created: a new scenario changes the community figure only when a current forecast was made
 * since it was created (that forecast counts for it, as 0), that is when a submission raced the creation. The
 * figure that submission had recomputed may have been read before the scenario committed and lack it: recompute.
 */
export async function recomputeIfRacedBy(scenario: { postId: string; createdAt: string }): Promise<void> {
  const [raced] = await (await getDb())
    .select({ id: forecasts.id })
    .from(forecasts)
    .where(and(eq(forecasts.postId, scenario.postId), forecasts.isCurrent, gte(forecasts.createdAt, new Date(scenario.createdAt))))
    .limit(1);
  if (raced) markCommunityChanged(scenario.postId);
}

/**
 * Run at start: recomputes the community forecast of every post with a current forecast made after its latest
 * recorded figure, or less than a minute (the coalescing window) before it. A process killed in the quarter
 * second between a submission's commit and its recomputation left that figure stale (the submission itself is
 * durable). The minute covers a submission that committed while a recomputation was reading the forecasts: it
 * is missing from a figure stamped after it (stamped by this process's clock, the forecast by the database's).
 * A figure coalesced into an older point counts as stale too; each costs one needless recomputation.
 */
export async function recomputeStaleCommunities(): Promise<void> {
  const latestPoint = sql`(select max(${communityForecastPoints.at}) from ${communityForecastPoints} where ${communityForecastPoints.postId} = ${forecasts.postId})`;
  const stale = await (await getDb())
    .select({ postId: forecasts.postId })
    .from(forecasts)
    .where(sql`${forecasts.isCurrent}`)
    .groupBy(forecasts.postId)
    .having(sql`${latestPoint} is null or max(${forecasts.createdAt}) > ${latestPoint} - make_interval(secs => ${pointWindowMs / 1000})`);
  for (const { postId } of stale) markCommunityChanged(postId);
  await flushCommunity();
}
