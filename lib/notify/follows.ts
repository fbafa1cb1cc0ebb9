import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor, type Transaction } from "@/db/client";
import { followTargetTypes, follows, posts, scenarios, users, type FollowTargetType } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, assertVisible } from "@/lib/auth/permissions";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { dropPagesEverywhere } from "@/lib/live/page-drops";
import { consumeRateLimit } from "@/lib/rate-limit";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";

export const FollowInput = z.object({ targetType: z.enum(followTargetTypes), targetId: Identifier });
export type FollowInput = Unparsed<typeof FollowInput>;

/** The table holding each followable item and its follower_count. */
const counted = { post: posts, scenario: scenarios, user: users } as const;

/** Whether the item exists and this reader may see it (the forum's one visibility rule): one follows only what one can read. */
async function assertFollowable(ctx: Context, targetType: FollowTargetType, targetId: string): Promise<void> {
  const db = await getDb();
  if (targetType === "user") {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, targetId));
    if (!user) throw new NotFound("The member");
    if (user.id === ctx.actor?.id) throw new ValidationFailed("You cannot follow yourself.", [{ path: "targetId", message: "is you" }]);
    return;
  }
  if (targetType === "post") {
    const [post] = await db.select({ status: posts.status, authorId: posts.authorId }).from(posts).where(eq(posts.id, targetId));
    assertVisible(ctx.actor, { post });
    return;
  }
  const [row] = await db
    .select({ scenario: { status: scenarios.status, authorId: scenarios.authorId }, post: { status: posts.status, authorId: posts.authorId } })
    .from(scenarios)
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .where(eq(scenarios.id, targetId));
  assertVisible(ctx.actor, row ? { post: row.post, scenario: row.scenario } : { scenario: null });
}

/**
 * Inserts a follow unless it exists (and, for an automatic one, unless the member turned automatic follows
 * off), returning the row it added: a statement to run as a CTE beside the counter it moves.
 */
export function insertFollow(tx: Executor, userId: string, targetType: FollowTargetType, targetId: string, onlyIfAutoFollowing: boolean) {
  return tx
    .insert(follows)
    .select(
      tx
        .select({ targetType: sql`${targetType}::target_type`.as("target_type"), targetId: sql`${targetId}`.as("target_id"), userId: users.id, createdAt: sql`now()`.as("created_at") })
        .from(users)
        .where(and(eq(users.id, userId), onlyIfAutoFollowing ? eq(users.autoFollow, true) : undefined)),
    )
    .onConflictDoNothing()
    .returning({ userId: follows.userId });
}

/**
 * The follow row and the item's counter in one statement: the counter moves by the number of rows the insert
 * (or delete) really touched, so repeating a follow or an unfollow changes nothing.
 */
async function changeFollow(tx: Executor, change: "add" | "remove", userId: string, targetType: FollowTargetType, targetId: string, onlyIfAutoFollowing = false): Promise<boolean> {
  const table = counted[targetType];
  const key = and(eq(follows.targetType, targetType), eq(follows.targetId, targetId), eq(follows.userId, userId));
  const touched = tx
    .$with("touched")
    .as(change === "add" ? insertFollow(tx, userId, targetType, targetId, onlyIfAutoFollowing) : tx.delete(follows).where(key).returning({ userId: follows.userId }));
  const step = change === "add" ? sql`1` : sql`-1`;
  const [row] = await tx
    .with(touched)
    .update(table)
    .set({ followerCount: sql`${table.followerCount} + ${step} * (select count(*) from ${touched})::int` })
    .where(eq(table.id, targetId))
    .returning({ touched: sql<number>`(select count(*) from ${touched})::int` });
  return (row?.touched ?? 0) > 0;
}

/** Follows a post, a scenario or a member. Active members; idempotent; rate limited. */
export async function followTarget(ctx: Context, input: FollowInput): Promise<{ following: true }> {
  const { targetType, targetId } = parseInput(FollowInput, input);
  const actor = assertCan(ctx.actor, { action: "follow.manage" });
  await assertFollowable(ctx, targetType, targetId);
  await consumeRateLimit("follows", actor.id);
  const db = await getDb();
  // Follower counts are on kept pages.
  if (await db.transaction((tx) => changeFollow(tx, "add", actor.id, targetType, targetId))) dropPagesEverywhere();
  return { following: true };
}

/** Stops following. Active members; idempotent (unfollowing what one does not follow is not an error). */
export async function unfollowTarget(ctx: Context, input: FollowInput): Promise<void> {
  const { targetType, targetId } = parseInput(FollowInput, input);
  const actor = assertCan(ctx.actor, { action: "follow.manage" });
  await consumeRateLimit("follows", actor.id);
  const db = await getDb();
  if (await db.transaction((tx) => changeFollow(tx, "remove", actor.id, targetType, targetId))) dropPagesEverywhere();
}

/**
 * The author of a new scenario or reply follows it (the scenario a reply answers), unless they turned that off
 * in their settings. Inside the creating transaction; the counter moves with it.
 */
export async function autoFollow(tx: Transaction, userId: string, targetType: FollowTargetType, targetId: string): Promise<void> {
  await changeFollow(tx, "add", userId, targetType, targetId, true);
}

/** Whether this reader follows the item (false for anonymous readers). */
export async function isFollowing(ctx: Context, targetType: FollowTargetType, targetId: string): Promise<boolean> {
  if (!ctx.actor) return false;
  const [row] = await (await getDb())
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), eq(follows.targetId, targetId), eq(follows.userId, ctx.actor.id)));
  return !!row;
}

/** How many members follow the item. */
export async function followerCount(targetType: FollowTargetType, targetId: string): Promise<number> {
  const table = counted[targetType];
  const [row] = await (await getDb()).select({ n: table.followerCount }).from(table).where(eq(table.id, targetId));
  return row?.n ?? 0;
}
