import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { posts, scenarios, votes } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, canSeeHidden } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/errors";
import { markVoteTotalsChanged } from "@/lib/live/vote-totals";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";

export const CastVoteInput = z.object({
  scenarioId: Identifier,
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)], { error: "must be -1, 0 or 1" }),
});
export type CastVoteInput = Unparsed<typeof CastVoteInput>;

export type VoteResult = { score: number; up: number; down: number; myVote: -1 | 0 | 1 };

const isUp = (v: number) => (v === 1 ? 1 : 0);
const isDown = (v: number) => (v === -1 ? 1 : 0);

/**
 * Up (1), down (-1) or retract (0) a vote on someone else's scenario. Active members; idempotent. The vote row
 * is locked before it changes and the counters move by the difference in the same transaction (two statements
 * in all), so up, down and score always equal a recount, whatever the concurrency.
 */
export async function castVote(ctx: Context, input: CastVoteInput): Promise<VoteResult> {
  const { scenarioId, value } = parseInput(CastVoteInput, input);
  const db = await getDb();
  const [target] = await db
    .select({ authorId: scenarios.authorId, status: scenarios.status, postId: scenarios.postId, isLocked: posts.isLocked })
    .from(scenarios)
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .where(eq(scenarios.id, scenarioId));
  if (!target || (target.status === "hidden" && !canSeeHidden(ctx.actor))) throw new NotFound("The scenario");
  assertCan(ctx.actor, { action: "scenario.vote", target: { authorId: target.authorId, status: target.status, post: target } });
  const userId = ctx.actor!.id;
  const mine = and(eq(votes.userId, userId), eq(votes.scenarioId, scenarioId));

  const totals = await db.transaction(async (tx) => {
    // Insert the row at 0 or, if it exists, lock it: either way the answer is the value before this vote.
    const [previous] = await tx
      .insert(votes)
      .values({ userId, scenarioId, value: 0 })
      .onConflictDoUpdate({ target: [votes.userId, votes.scenarioId], set: { value: sql`${votes.value}` } })
      .returning({ value: votes.value });
    const old = previous!.value;
    if (old === value) {
      const [unchanged] = await tx.select({ score: scenarios.score, up: scenarios.up, down: scenarios.down }).from(scenarios).where(eq(scenarios.id, scenarioId));
      return { ...unchanged!, changed: false };
    }
    // The vote and the counters move in one statement.
    const changed = tx.$with("changed").as(tx.update(votes).set({ value, updatedAt: new Date() }).where(mine).returning({ value: votes.value }));
    const [updated] = await tx
      .with(changed)
      .update(scenarios)
      .set({
        up: sql`${scenarios.up} + ${isUp(value) - isUp(old)}`,
        down: sql`${scenarios.down} + ${isDown(value) - isDown(old)}`,
        score: sql`${scenarios.score} + ${value - old}`,
      })
      .where(and(eq(scenarios.id, scenarioId), sql`exists (select 1 from ${changed})`))
      .returning({ score: scenarios.score, up: scenarios.up, down: scenarios.down });
    return { ...updated!, changed: true };
  });
  if (totals.changed) markVoteTotalsChanged(target.postId, scenarioId);
  return { score: totals.score, up: totals.up, down: totals.down, myVote: value };
}
