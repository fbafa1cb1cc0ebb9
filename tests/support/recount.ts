import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts, replies, scenarios, votes } from "@/db/schema";

export type VoteCounters = { up: number; down: number; score: number };

/** Each scenario's up, down and score recounted from the votes table (value 1, value -1, their sum). */
export async function recountVotes(scenarioIds: string[]): Promise<Record<string, VoteCounters>> {
  const recount: Record<string, VoteCounters> = Object.fromEntries(scenarioIds.map((id) => [id, { up: 0, down: 0, score: 0 }]));
  if (scenarioIds.length === 0) return recount;
  const rows = await (await getDb())
    .select({
      scenarioId: votes.scenarioId,
      up: sql<number>`count(*) filter (where ${votes.value} = 1)`.mapWith(Number),
      down: sql<number>`count(*) filter (where ${votes.value} = -1)`.mapWith(Number),
    })
    .from(votes)
    .where(inArray(votes.scenarioId, scenarioIds))
    .groupBy(votes.scenarioId);
  for (const row of rows) recount[row.scenarioId] = { up: row.up, down: row.down, score: row.up - row.down };
  return recount;
}

/** The up, down and score columns the scenarios carry. */
export async function storedVoteCounters(scenarioIds: string[]): Promise<Record<string, VoteCounters>> {
  if (scenarioIds.length === 0) return {};
  const rows = await (await getDb())
    .select({ id: scenarios.id, up: scenarios.up, down: scenarios.down, score: scenarios.score })
    .from(scenarios)
    .where(inArray(scenarios.id, scenarioIds));
  return Object.fromEntries(rows.map(({ id, ...counters }) => [id, counters]));
}

/**
 * Scenarios whose stored counters differ from a recount of their votes; empty when the invariant holds.
 * `expect(await voteCounterDrift(ids)).toEqual([])` shows every offender with both figures when it fails.
 */
export async function voteCounterDrift(scenarioIds: string[]): Promise<{ scenarioId: string; stored: VoteCounters | undefined; recount: VoteCounters }[]> {
  const [stored, recount] = await Promise.all([storedVoteCounters(scenarioIds), recountVotes(scenarioIds)]);
  return scenarioIds
    .filter((id) => {
      const [a, b] = [stored[id], recount[id]!];
      return !a || a.up !== b.up || a.down !== b.down || a.score !== b.score;
    })
    .map((id) => ({ scenarioId: id, stored: stored[id], recount: recount[id]! }));
}

export type ContentCounters = { scenarioCount: number; replyCounts: Record<string, number> };

/** A post's scenarioCount and each of its scenarios' replyCount as stored. */
export async function storedContentCounters(postId: string): Promise<ContentCounters> {
  const db = await getDb();
  const [[post], rows] = await Promise.all([
    db.select({ scenarioCount: posts.scenarioCount }).from(posts).where(eq(posts.id, postId)),
    db.select({ id: scenarios.id, replyCount: scenarios.replyCount }).from(scenarios).where(eq(scenarios.postId, postId)),
  ]);
  return { scenarioCount: post!.scenarioCount, replyCounts: Object.fromEntries(rows.map((row) => [row.id, row.replyCount])) };
}

/** The same figures recounted from the rows: a post counts its visible scenarios, a scenario its visible replies. */
export async function recountContent(postId: string): Promise<ContentCounters> {
  const db = await getDb();
  const [[post], rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(scenarios).where(and(eq(scenarios.postId, postId), eq(scenarios.status, "visible"))),
    db
      .select({ id: scenarios.id, n: sql<number>`count(${replies.id}) filter (where ${replies.status} = 'visible')`.mapWith(Number) })
      .from(scenarios)
      .leftJoin(replies, eq(replies.scenarioId, scenarios.id))
      .where(eq(scenarios.postId, postId))
      .groupBy(scenarios.id),
  ]);
  return { scenarioCount: post!.n, replyCounts: Object.fromEntries(rows.map((row) => [row.id, row.n])) };
}
