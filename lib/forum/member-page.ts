import { and, eq, gt, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { posts, scenarios, votes } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { currentForecastOf, type ForecastView } from "@/lib/forecasts/forecasts";
import { countPendingReviews } from "@/lib/moderation/review-queue";
import { isFollowing } from "@/lib/notify/follows";
import { countUnread } from "@/lib/notify/notifications";
import { parseInput, PostKey, type Unparsed } from "@/lib/validation";
import { getPost } from "./posts";
import { votesFor } from "./scenario-view";

/** `post`: the id or slug of the post the page shows, when it shows one. */
export const MemberPageInput = z.object({ post: PostKey.optional() });
export type MemberPageInput = Unparsed<typeof MemberPageInput>;

export type MemberVote = { scenarioId: string; myVote: -1 | 1; score: number | null; up: number | null; down: number | null };

/** What one member's copy of a post page has that the shared render (the anonymous reader's page) has not. */
export type MemberPostLayer = {
  postId: string;
  following: boolean;
  /** The member's votes on the post's scenarios, with the totals as they stand now (their own vote included). */
  votes: MemberVote[];
  forecast: ForecastView | null;
  /** Visible scenarios newer than the member's forecast: the editor marks them. */
  newSinceForecast: string[];
  may: { propose: boolean; forecast: boolean; vote: boolean };
};

export type MemberPage = {
  viewer: { id: string; handle: string; name: string; mayCreatePost: boolean };
  unreadNotifications: number;
  /**
   * The member sees more than the shared render shows (a moderator, or the author of a hidden or merged scenario
   * on this post): their pages must be rendered for them. The page asks for that and reloads.
   */
  needsOwnRender: boolean;
  post: MemberPostLayer | null;
};

/**
 * The small per-member layer of a page served from the shared render (lib/http/page-cache.ts): who is signed in,
 * their unread count and, on a post page, their follow, votes, forecast and what they may do. Read fresh from the
 * database on every call, so a member's own writes always show on their next load. Signed-in callers only.
 */
export async function getMemberPage(ctx: Context, input: MemberPageInput): Promise<MemberPage> {
  const actor = assertCan(ctx.actor, { action: "session.manage" });
  const { post: postKey } = parseInput(MemberPageInput, input);
  const [unreadNotifications, waiting, post, ownUnseenPost] = await Promise.all([
    countUnread(actor.id),
    countPendingReviews(ctx),
    postKey ? postLayer(ctx, postKey) : null,
    // The home page lists posts: the author of a hidden one sees it there.
    postKey ? false : hasUnseen(posts, and(eq(posts.authorId, actor.id), ne(posts.status, "visible"))),
  ]);
  return {
    viewer: { id: actor.id, handle: actor.handle, name: actor.name, mayCreatePost: can(actor, { action: "post.create" }) },
    unreadNotifications,
    needsOwnRender: waiting !== null || ownUnseenPost || (post?.ownUnseen ?? false),
    post: post?.layer ?? null,
  };
}

/** Whether a row of the member's own matches that anonymous readers do not see. */
async function hasUnseen(table: typeof posts | typeof scenarios, where: SQL | undefined): Promise<boolean> {
  const [row] = await (await getDb()).select({ one: sql<number>`1` }).from(table).where(where).limit(1);
  return row !== undefined;
}

async function postLayer(ctx: Context, idOrSlug: string): Promise<{ layer: MemberPostLayer; ownUnseen: boolean }> {
  const actor = ctx.actor!;
  const post = await getPost(ctx, { idOrSlug });
  const db = await getDb();
  const [following, votedRows, forecast, ownUnseen] = await Promise.all([
    isFollowing(ctx, "post", post.id),
    db
      .select({ scenarioId: votes.scenarioId, myVote: votes.value, score: scenarios.score, up: scenarios.up, down: scenarios.down })
      .from(votes)
      .innerJoin(scenarios, eq(scenarios.id, votes.scenarioId))
      .where(and(eq(votes.userId, actor.id), eq(scenarios.postId, post.id), ne(votes.value, 0))),
    currentForecastOf(actor.id, post.id),
    hasUnseen(scenarios, and(eq(scenarios.postId, post.id), eq(scenarios.authorId, actor.id), ne(scenarios.status, "visible"))),
  ]);
  const newer = forecast
    ? await db
        .select({ id: scenarios.id })
        .from(scenarios)
        .where(and(eq(scenarios.postId, post.id), eq(scenarios.status, "visible"), gt(scenarios.createdAt, new Date(forecast.createdAt))))
    : [];
  const contestUntil = post.contestUntil ? new Date(post.contestUntil) : null;
  const postState = { isLocked: post.locked };
  const someoneElsesScenario = { authorId: "", status: "visible" as const, isLocked: false, post: postState };
  return {
    ownUnseen,
    layer: {
      postId: post.id,
      following,
      votes: votedRows.map(({ scenarioId, myVote, ...totals }) => ({ scenarioId, myVote: myVote as -1 | 1, ...votesFor(actor, contestUntil, totals) })),
      forecast,
      newSinceForecast: newer.map((row) => row.id),
      may: {
        propose: can(actor, { action: "scenario.create", target: { post: postState } }),
        forecast: can(actor, { action: "forecast.submit", target: { post: { ...postState, isResolved: post.resolution !== null } } }),
        vote: can(actor, { action: "scenario.vote", target: someoneElsesScenario }),
      },
    },
  };
}
