import { and, asc, count, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { replies, users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import type { Context } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { authorColumns, findReadableScenario } from "./replies";
import { toReplyView, type ReplyView } from "./reply-view";

/**
 * A page of a debate takes whole top-level replies (each with its branch) until it holds at least this many
 * replies, and never more than `maxRootsPerPage` top-level ones: a page costs what its replies cost to render.
 */
export const repliesPerPage = 40;
export const maxRootsPerPage = 50;

const Cursor = z.tuple([z.string().max(200).regex(/^[A-Za-z0-9_-]+$/)]);

export const ReadThreadPageInput = z.object({
  scenarioId: Identifier,
  /** The page after the one that ended with this cursor's top-level reply. */
  cursor: z.string().max(300).optional(),
  /** Instead of a cursor: the page that starts with this reply's top-level reply (a permalink). */
  replyId: Identifier.optional(),
});
export type ReadThreadPageInput = Unparsed<typeof ReadThreadPageInput>;

export type ThreadPage = { replies: ReplyView[]; isFirst: boolean; nextCursor: string | null };

/** Whether the debate has more than this one page. */
export const isPaged = (page: ThreadPage): boolean => !page.isFirst || page.nextCursor !== null;

/**
 * One page of a scenario's debate, the way forums page long threads: top-level replies oldest first, each
 * followed by its whole branch in thread order. A cursor names the last top-level reply shown, so a link to the
 * next page always starts at the same reply however the debate grows (new top-level replies join the end).
 * Anyone who may read the scenario; an unknown `replyId` is NotFound and a malformed cursor ValidationFailed.
 */
export async function readThreadPage(ctx: Context, input: ReadThreadPageInput): Promise<ThreadPage> {
  const { scenarioId, cursor, replyId } = parseInput(ReadThreadPageInput, input);
  await findReadableScenario(ctx.actor, scenarioId);
  const db = await getDb();
  const inScenario = eq(replies.scenarioId, scenarioId);
  let start: SQL | undefined;
  if (replyId) {
    const [reply] = await db.select({ path: replies.path }).from(replies).where(and(eq(replies.id, replyId), inScenario));
    if (!reply) throw new NotFound("The reply");
    // A path begins with its top-level ancestor's path.
    start = gte(replies.path, reply.path.split("/")[0]!);
  } else if (cursor) {
    start = gt(replies.path, decodeCursor(cursor, Cursor)[0]);
  }
  const roots = await db
    .select({ path: replies.path })
    .from(replies)
    // A literal 0, so that the partial index of top-level replies serves prepared plans too.
    .where(and(inScenario, sql`${replies.depth} = 0`, start))
    .orderBy(asc(replies.path))
    .limit(maxRootsPerPage + 1);
  if (roots.length === 0) return { replies: [], isFirst: !start, nextCursor: null };

  // A branch's paths sort right after its top-level reply's and before the next one's, so a page is one range.
  const first = roots[0]!.path;
  const limit = roots[maxRootsPerPage]?.path;
  const rootOf = sql<string>`split_part(${replies.path}, '/', 1)`;
  const sizes = await db
    .select({ root: rootOf, n: count() })
    .from(replies)
    .where(and(inScenario, gte(replies.path, first), limit ? lt(replies.path, limit) : undefined))
    .groupBy(rootOf);
  const sizeOf = new Map(sizes.map((s) => [s.root, s.n]));
  let taken = 0;
  let held = 0;
  while (taken < Math.min(roots.length, maxRootsPerPage) && held < repliesPerPage) held += sizeOf.get(roots[taken++]!.path) ?? 1;
  const end = roots[taken]?.path;

  const rows = await db
    .select({ reply: replies, author: authorColumns })
    .from(replies)
    .innerJoin(users, eq(users.id, replies.authorId))
    .where(and(inScenario, gte(replies.path, first), end ? lt(replies.path, end) : undefined))
    .orderBy(asc(replies.path));
  return {
    replies: rows.map(({ reply, author }) => toReplyView(reply, author, ctx.actor)),
    isFirst: !start,
    nextCursor: end ? encodeCursor([roots[taken - 1]!.path]) : null,
  };
}
