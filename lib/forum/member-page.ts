import { and, eq, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { preparedFor } from "@/db/prepared";
import { follows, forecasts, posts, scenarios, votes } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan, assertVisible, can, sharesAnonymousView } from "@/lib/auth/permissions";
import type { ForecastView } from "@/lib/forecasts/forecasts";
import { countUnread } from "@/lib/notify/notifications";
import { parseInput, PostKey, type Unparsed } from "@/lib/validation";
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
  const [unreadNotifications, post, ownUnseenPost] = await Promise.all([
    countUnread(actor.id),
    postKey ? postLayer(actor, postKey) : null,
    // The home page lists posts: the author of a hidden one sees it there.
    postKey ? false : hasHiddenPost(actor.id),
  ]);
  return {
    viewer: { id: actor.id, handle: actor.handle, name: actor.name, mayCreatePost: can(actor, { action: "post.create" }) },
    unreadNotifications,
    needsOwnRender: !sharesAnonymousView(actor) || ownUnseenPost || (post?.ownUnseen ?? false),
    post: post?.layer ?? null,
  };
}

/** Whether the member wrote a post anonymous readers do not see. */
async function hasHiddenPost(userId: string): Promise<boolean> {
  const [row] = await (await getDb()).select({ one: sql<number>`1` }).from(posts).where(and(eq(posts.authorId, userId), ne(posts.status, "visible"))).limit(1);
  return row !== undefined;
}

/**
 * Everything of the member's on one post, in one round trip: the post's state for the permission checks, their
 * follow, their non-zero votes with the scenarios' totals, their current forecast, the visible scenarios newer
 * than it, and whether a scenario of theirs is hidden or merged. Prepared: it runs on every member's page load.
 */
const memberOnPost = preparedFor((db) => {
  const userId = sql.placeholder("userId");
  // Spelt out as "posts".id: drizzle leaves columns unqualified in a one-table select, and "id" would be ambiguous.
  return db
    .select({
      id: posts.id,
      status: posts.status,
      authorId: posts.authorId,
      isLocked: posts.isLocked,
      resolvedAt: posts.resolvedAt,
      contestUntil: posts.contestUntil,
      following: sql<boolean>`exists(select 1 from ${follows} f where f.target_type = 'post' and f.target_id = ${posts}.id and f.user_id = ${userId})`,
      votes: sql<{ scenarioId: string; myVote: -1 | 1; score: number; up: number; down: number }[]>`(
        select coalesce(json_agg(json_build_object('scenarioId', v.scenario_id, 'myVote', v.value, 'score', s.score, 'up', s.up, 'down', s.down)), '[]')
        from ${votes} v join ${scenarios} s on s.id = v.scenario_id
        where v.user_id = ${userId} and s.post_id = ${posts}.id and v.value <> 0)`,
      forecast: sql<{ probabilities: Record<string, number>; other: number; createdAt: string } | null>`(
        select json_build_object('probabilities', f.probabilities, 'other', f.other, 'createdAt', f.created_at)
        from ${forecasts} f where f.post_id = ${posts}.id and f.user_id = ${userId} and f.is_current)`,
      newSinceForecast: sql<string[]>`array(
        select s.id from ${scenarios} s join ${forecasts} f on f.post_id = s.post_id and f.user_id = ${userId} and f.is_current
        where s.post_id = ${posts}.id and s.status = 'visible' and s.created_at > f.created_at order by s.id)`,
      ownUnseen: sql<boolean>`exists(select 1 from ${scenarios} s where s.post_id = ${posts}.id and s.author_id = ${userId} and s.status <> 'visible')`,
    })
    .from(posts)
    .where(or(eq(posts.id, sql.placeholder("key")), eq(posts.slug, sql.placeholder("key"))))
    .limit(1)
    .prepare("member_on_post");
});

async function postLayer(actor: Actor, idOrSlug: string): Promise<{ layer: MemberPostLayer; ownUnseen: boolean }> {
  const [post] = await memberOnPost(await getDb()).execute({ userId: actor.id, key: idOrSlug });
  assertVisible(actor, { post });
  const { forecast, votes: votedRows } = post!;
  const contestUntil = post!.contestUntil;
  const postState = { isLocked: post!.isLocked };
  const someoneElsesScenario = { authorId: "", status: "visible" as const, isLocked: false, post: postState };
  return {
    ownUnseen: post!.ownUnseen,
    layer: {
      postId: post!.id,
      following: post!.following,
      votes: votedRows.map(({ scenarioId, myVote, ...totals }) => ({ scenarioId, myVote, ...votesFor(actor, contestUntil, totals) })),
      forecast: forecast && { ...forecast, createdAt: new Date(forecast.createdAt).toISOString() },
      newSinceForecast: post!.newSinceForecast,
      may: {
        propose: can(actor, { action: "scenario.create", target: { post: postState } }),
        forecast: can(actor, { action: "forecast.submit", target: { post: { ...postState, isResolved: post!.resolvedAt !== null } } }),
        vote: can(actor, { action: "scenario.vote", target: someoneElsesScenario }),
      },
    },
  };
}
