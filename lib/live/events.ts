import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { events, posts } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, canSeeHidden } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/errors";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import type { LiveEvent } from "./outbox";

export const ListEventsInput = z.object({
  postId: Identifier,
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListEventsInput = Unparsed<typeof ListEventsInput>;

/**
 * A post's events with seq > after, in order, and the post's latest seq so a reader knows whether to ask again.
 * Anyone who may read the post.
 */
export async function listEvents(ctx: Context, input: ListEventsInput): Promise<{ events: LiveEvent[]; lastSeq: number }> {
  const { postId, after, limit } = parseInput(ListEventsInput, input);
  const db = await getDb();
  const [post] = await db.select({ id: posts.id, status: posts.status, lastSeq: posts.lastSeq }).from(posts).where(eq(posts.id, postId));
  if (!post || (post.status !== "visible" && !canSeeHidden(ctx.actor))) throw new NotFound("The post");
  assertCan(ctx.actor, { action: "post.read", target: post });
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.postId, postId), gt(events.seq, after)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return {
    events: rows.map((e) => ({ postId: e.postId, seq: e.seq, type: e.type, at: e.createdAt.toISOString(), data: e.data })),
    lastSeq: post.lastSeq,
  };
}
