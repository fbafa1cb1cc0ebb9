import type { Reply, Stance } from "@/db/schema";
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
  createdAt: string;
  editedAt: string | null;
};

/** A hidden reply keeps its place in the thread, but only moderators see its text. */
export function toReplyView(reply: Reply, author: AuthorView, canSeeHiddenText: boolean): ReplyView {
  const showText = reply.status === "visible" || canSeeHiddenText;
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
    createdAt: reply.createdAt.toISOString(),
    editedAt: reply.editedAt?.toISOString() ?? null,
  };
}
