import type { CommunityView } from "@/lib/forecasts/community";
import type { ResolutionView } from "@/lib/forecasts/resolution";
import type { PostView } from "@/lib/forum/post-view";
import type { ReplyView } from "@/lib/forum/reply-view";
import type { ScenarioView } from "@/lib/forum/scenario-view";

/**
 * Every event a post's readers receive, by name, with what it carries: the outbox's writers (Emit), the catch-up
 * (GET /posts/{id}/events) and the browser's live pages (app/_components/live/live-context.tsx) all read this one
 * table, so a name or a field cannot drift between them. Types only (the lint rule for this file allows nothing
 * else), so the browser bundle gains no server code.
 */

/** What an event says in place of the text it carried about content this reader may not see. */
export type RedactedData = { redacted: true; targetType: "scenario" | "reply"; targetId: string };

/** Vote figures; null while the post is in contest mode, for readers other than moderators. */
type Votes = { score: number | null; up: number | null; down: number | null };

/** What every moderator action on a post, scenario or reply tells the room (no text, no reason). */
type ModerationData = {
  targetType: "post" | "scenario" | "reply";
  targetId: string;
  /** The scenario a reply is under; a scenario's own id; null for a post. */
  scenarioId: string | null;
  authorId: string | null;
  /** The target's moderation version after the action. */
  version: number;
  /** The post's visible scenarios, when a scenario left or rejoined them. */
  scenarioCount?: number;
  /** The scenario's visible replies, when a reply left or rejoined them. */
  replyCount?: number;
};

/** A merge or an unmerge: both scenarios' recounted figures. */
type MergeData = ModerationData & { scenarioCount: number; scenarios: (Votes & { id: string; replyCount: number })[] };

export type LiveEventData = {
  "post.updated": { post: Partial<Pick<PostView, "title" | "question" | "axes" | "contestUntil" | "slowModeSeconds">> & { id: string } };
  "post.resolved": { resolution: ResolutionView };
  "post.locked": ModerationData & { locked: boolean };
  "post.unlocked": ModerationData & { locked: boolean };
  "scenario.created": { scenario: ScenarioView };
  /** Redacted as written when an anonymous reader may not see the scenario. */
  "scenario.updated": { scenario: ScenarioView } | RedactedData;
  "scenario.voted": { scenarios: (Votes & { id: string })[] };
  "scenario.locked": ModerationData & { locked: boolean };
  "scenario.unlocked": ModerationData & { locked: boolean };
  "scenario.pinned": ModerationData & { pinned: boolean };
  "scenario.unpinned": ModerationData & { pinned: boolean };
  "scenario.merged": MergeData & { into: string };
  /** With the scenario when it is back among the visible ones. */
  "scenario.unmerged": MergeData & { from: string; scenario?: ScenarioView };
  "reply.created": { reply: ReplyView; replyCount: number };
  /** Redacted as written when an anonymous reader may not see the reply. */
  "reply.updated": { reply: ReplyView } | RedactedData;
  "content.hidden": ModerationData;
  /** A restored scenario or reply carries its content again, as anyone may now read it. */
  "content.restored": ModerationData & { scenario?: ScenarioView; reply?: ReplyView };
  "forecast.updated": { community: CommunityView };
};

export type LiveEventType = keyof LiveEventData;

/** The events whose text the catch-up redacts for a reader who may not see it now (lib/live/redaction.ts). */
type CarriesText = "scenario.created" | "scenario.updated" | "scenario.unmerged" | "reply.created" | "reply.updated" | "content.restored";

/** An event as readers receive it, over socket.io and from GET /posts/{id}/events; `type` tells what `data` is. */
export type LiveEvent<T extends LiveEventType = LiveEventType> = {
  [K in T]: { postId: string; seq: number; type: K; at: string; data: K extends CarriesText ? LiveEventData[K] | RedactedData : LiveEventData[K] };
}[T];
