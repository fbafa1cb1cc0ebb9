import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { posts, scenarios, users, votes, type Scenario } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, canSee } from "@/lib/auth/permissions";
import { contestEnd } from "@/lib/rules/contest-mode";
import { moderationFor, type ModerationView } from "./moderation-view";

export type AuthorView = { id: string; handle: string; name: string };

export type ScenarioView = {
  id: string;
  postId: string;
  title: string;
  body: string;
  html: string;
  excerpt: string;
  author: AuthorView;
  x: number;
  y: number;
  /** Votes: null for readers other than moderators while the post is in contest mode (see `contestUntil`). */
  score: number | null;
  up: number | null;
  down: number | null;
  /** The end of the post's contest mode while it lasts (scenarios shuffled per reader, scores withheld), else null. */
  contestUntil: string | null;
  replyCount: number;
  /** Members following the scenario. */
  followerCount: number;
  /** The community forecast for this scenario; null until forecasting is open and enough members have forecast. */
  community: { probability: number; low: number; high: number; forecasters: number } | null;
  myVote?: -1 | 0 | 1;
  status: Scenario["status"];
  mergedInto: string | null;
  pinned: boolean;
  locked: boolean;
  /** The latest moderator action, for the viewers told of it (moderators; the author while it is hidden). */
  moderation?: ModerationView;
  lastActivityAt: string;
  createdAt: string;
  editedAt: string | null;
};

type Row = { scenario: Scenario; author: AuthorView; myVote: number | null; contestUntil: Date | null };

/** A scenario's votes as this viewer may see them: withheld (null) from all but moderators while contest mode lasts. */
export function votesFor<T extends { score: number; up: number; down: number }>(viewer: Actor | null, contestUntil: Date | null, votes: T) {
  if (can(viewer, { action: "scenario.seeScores", target: { post: { contestUntil } } })) return votes;
  return { ...votes, score: null, up: null, down: null };
}

export function toScenarioView({ scenario, author, myVote, contestUntil }: Row, viewer: Actor | null): ScenarioView {
  const { score, up, down } = votesFor(viewer, contestUntil, scenario);
  // A merged scenario read by someone who may not see its text is only the pointer to where it went.
  const text = canSee(viewer, scenario) ? scenario : { title: "", body: "", html: "", excerpt: "" };
  return {
    id: scenario.id,
    postId: scenario.postId,
    title: text.title,
    body: text.body,
    html: text.html,
    excerpt: text.excerpt,
    author,
    x: scenario.x,
    y: scenario.y,
    score,
    up,
    down,
    contestUntil: contestEnd(contestUntil),
    replyCount: scenario.replyCount,
    followerCount: scenario.followerCount,
    community: null,
    ...(viewer ? { myVote: (myVote ?? 0) as -1 | 0 | 1 } : {}),
    status: scenario.status,
    mergedInto: scenario.mergedIntoId,
    pinned: scenario.isPinned,
    locked: scenario.isLocked,
    ...moderationFor(viewer, scenario),
    lastActivityAt: scenario.lastActivityAt.toISOString(),
    createdAt: scenario.createdAt.toISOString(),
    editedAt: scenario.editedAt?.toISOString() ?? null,
  };
}

/** Scenarios with their authors and, for a signed-in viewer, the viewer's vote; votes as votesFor lets the viewer see them. */
export async function selectScenarioViews(db: Executor, where: SQL | undefined, viewer: Actor | null): Promise<ScenarioView[]> {
  const viewerId = viewer?.id ?? null;
  const rows = await db
    .select({
      scenario: scenarios,
      author: { id: users.id, handle: users.handle, name: users.name },
      myVote: viewerId ? votes.value : sql<number | null>`null`,
      contestUntil: posts.contestUntil,
    })
    .from(scenarios)
    .innerJoin(users, eq(users.id, scenarios.authorId))
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .leftJoin(votes, viewerId ? and(eq(votes.scenarioId, scenarios.id), eq(votes.userId, viewerId)) : sql`false`)
    .where(where);
  return rows.map((row) => toScenarioView(row, viewer));
}
