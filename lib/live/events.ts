import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { events, posts } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertVisible } from "@/lib/auth/permissions";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import type { LiveEvent } from "./event-types";
import { redactEvents } from "./redaction";

export const ListEventsInput = z.object({
  postId: Identifier,
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListEventsInput = Unparsed<typeof ListEventsInput>;

/**
 * A post's events with seq > after, in order, and the post's latest seq so a reader knows whether to ask again.
 * Anyone who may read the post; the text of content hidden from this reader, and votes contest mode withholds from
 * them, are redacted (see redactEvents).
 */
export async function listEvents(ctx: Context, input: ListEventsInput): Promise<{ events: LiveEvent[]; lastSeq: number }> {
  const { postId, after, limit } = parseInput(ListEventsInput, input);
  const db = await getDb();
  const [post] = await db.select({ id: posts.id, status: posts.status, authorId: posts.authorId, lastSeq: posts.lastSeq, contestUntil: posts.contestUntil }).from(posts).where(eq(posts.id, postId));
  assertVisible(ctx.actor, { post });
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.postId, postId), gt(events.seq, after)))
    .orderBy(asc(events.seq))
    .limit(limit);
  // The outbox stores only what Emit accepted: each row's data is its type's.
  const stored = rows.map((e) => ({ postId: e.postId, seq: e.seq, type: e.type, at: e.createdAt.toISOString(), data: e.data }) as LiveEvent);
  return { events: await redactEvents(db, ctx.actor, post!, stored), lastSeq: post!.lastSeq };
}
