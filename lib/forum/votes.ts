import { eq, sql, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { preparedFor } from "@/db/prepared";
import { posts, scenarios, votes } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, assertVisible } from "@/lib/auth/permissions";
import { markVoteTotalsChanged } from "@/lib/live/vote-totals";
import { votesFor } from "./scenario-view";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";

export const CastVoteInput = z.object({
  scenarioId: Identifier,
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)], { error: "must be -1, 0 or 1" }),
});
export type CastVoteInput = Unparsed<typeof CastVoteInput>;

/** The totals are null for members while the post is in contest mode (see votesFor). */
export type VoteResult = { score: number | null; up: number | null; down: number | null; myVote: -1 | 0 | 1 };

const voteTarget = preparedFor((db) =>
  db
    .select({
      authorId: scenarios.authorId,
      status: scenarios.status,
      isLocked: scenarios.isLocked,
      postId: scenarios.postId,
      post: { status: posts.status, authorId: posts.authorId, isLocked: posts.isLocked, contestUntil: posts.contestUntil },
    })
    .from(scenarios)
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .where(eq(scenarios.id, sql.placeholder("scenarioId")))
    .prepare("vote_target"),
);

/**
 * The vote and the counters in one statement. The upsert locks the member's vote row (or inserts it) and keeps
 * the value it replaces in `previous_value`: ON CONFLICT reads the latest committed row, so the difference is
 * right whatever the concurrency, and the scenario's up, down and score move by it in the same statement.
 */
const castVoteStatement = preparedFor((db) => {
  const cast = db.$with("cast").as(
    db
      .insert(votes)
      .values({ userId: sql.placeholder("userId"), scenarioId: sql.placeholder("scenarioId"), value: sql.placeholder("value"), previousValue: 0 })
      .onConflictDoUpdate({
        target: [votes.userId, votes.scenarioId],
        set: { value: sql`excluded.value`, previousValue: sql`${votes.value}`, updatedAt: sql`now()` },
      })
      .returning({ value: votes.value, previous: votes.previousValue }),
  );
  const is = (column: SQLWrapper, value: number) => sql`(${column} = ${sql.raw(String(value))})::int`;
  return db
    .with(cast)
    .update(scenarios)
    .set({
      up: sql`${scenarios.up} + ${is(cast.value, 1)} - ${is(cast.previous, 1)}`,
      down: sql`${scenarios.down} + ${is(cast.value, -1)} - ${is(cast.previous, -1)}`,
      score: sql`${scenarios.score} + ${cast.value} - ${cast.previous}`,
    })
    .from(cast)
    .where(eq(scenarios.id, sql.placeholder("scenarioId")))
    .returning({ score: scenarios.score, up: scenarios.up, down: scenarios.down, changed: sql<boolean>`${cast.value} <> ${cast.previous}` })
    .prepare("cast_vote");
});

/**
 * Up (1), down (-1) or retract (0) a vote on someone else's scenario. Active members; idempotent. Two prepared
 * statements: the permission check's read, then the vote with its counters (see castVoteStatement), so up, down
 * and score always equal a recount.
 */
export async function castVote(ctx: Context, input: CastVoteInput): Promise<VoteResult> {
  const { scenarioId, value } = parseInput(CastVoteInput, input);
  const db = await getDb();
  const [target] = await voteTarget(db).execute({ scenarioId });
  assertVisible(ctx.actor, target && { post: target.post, scenario: target });
  const actor = assertCan(ctx.actor, { action: "scenario.vote", target: target! });
  const [totals] = await castVoteStatement(db).execute({ userId: actor.id, scenarioId, value });
  if (totals!.changed) markVoteTotalsChanged(target!.postId, scenarioId);
  const { score, up, down } = votesFor(actor, target!.post.contestUntil, totals!);
  return { score, up, down, myVote: value };
}
