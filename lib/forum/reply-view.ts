import type { Reply, Stance } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { canSee } from "@/lib/auth/permissions";
import { moderationFor, type ModerationView } from "./moderation-view";
import type { AuthorView } from "./scenario-view";

export type ReplyView = {
  id: string;
  scenarioId: string;
  parentId: string | null;
  depth: number;
  body: string;
  html: string;
  stance: Stance;
  author: AuthorView;
  status: Reply["status"];
  /** The latest moderator action, for the viewers told of it (moderators; the author while it is hidden). */
  moderation?: ModerationView;
  createdAt: string;
  editedAt: string | null;
};

/**
 * A hidden reply keeps its place in the thread (its answers hang from it), but its text and why it was hidden go
 * only to the readers the visibility rule lets see it: moderators and its author.
 */
export function toReplyView(reply: Reply, author: AuthorView, viewer: Actor | null): ReplyView {
  const showText = canSee(viewer, reply);
  return {
    id: reply.id,
    scenarioId: reply.scenarioId,
    parentId: reply.parentId,
    depth: reply.depth,
    body: showText ? reply.body : "",
    html: showText ? reply.html : "",
    stance: reply.stance,
    author,
    status: reply.status,
    ...moderationFor(viewer, reply),
    createdAt: reply.createdAt.toISOString(),
    editedAt: reply.editedAt?.toISOString() ?? null,
  };
}
