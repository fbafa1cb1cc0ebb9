import { randomBytes } from "node:crypto";
import { and, asc, count, eq, gt, like, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { drafts, newId, posts, replies, replyRevisions, scenarios, searchDocuments, stances, users, type Post, type Scenario, type Stance } from "@/db/schema";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertCan, assertVisible, canSee } from "@/lib/auth/permissions";
import { Conflict, NotFound, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { insertFollow } from "@/lib/notify/follows";
import { transactWithEvents } from "@/lib/live/outbox";
import { indexContent, replySearchDocument } from "@/lib/search/index-content";
import { redactedData } from "@/lib/live/redaction";
import { enforceSlowMode } from "@/lib/moderation/slow-mode";
import { consumeRateLimit } from "@/lib/rate-limit";
import { replyDraftKey } from "@/lib/rules/draft-keys";
import { textLimits } from "@/lib/rules/text-limits";
import { renderMarkdown } from "@/lib/text/render";
import { markdownText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { sameTextLately, textFingerprint } from "./duplicates";
import { onceForKey } from "./idempotency";
import { withinNewAccountLimit } from "./rate-limits";
import { toReplyView, type ReplyView } from "./reply-view";

const Id = Identifier;
const Body = markdownText(...textLimits.replyBody);


/**
 * A path segment that sorts by creation time: 9 base-36 digits of milliseconds (good past the year 5000) and
 * 4 random characters to break ties. A reply's path is its parent's path, "/", and its own segment.
 */
function pathSegment(now: Date): string {
  return now.getTime().toString(36).padStart(9, "0") + randomBytes(3).toString("base64url").slice(0, 4);
}

export const authorColumns = { id: users.id, handle: users.handle, name: users.name };

export const CreateReplyInput = z.object({
  scenarioId: Id,
  parentId: Id.nullish(),
  body: Body,
  stance: z.enum(stances).default("neutral"),
  idempotencyKey: z.unknown().optional(),
});
export type CreateReplyInput = Unparsed<typeof CreateReplyInput>;

/**
 * Replies to a scenario, or to a reply under it. Active members; 423 on a locked post; 409 for the same text by
 * the same member on the same scenario within five minutes; new accounts rate limited, and everyone but staff under
 * the post's slow mode (429 with the wait); idempotent with an
 * Idempotency-Key. The scenario's reply count and last activity move in the same transaction.
 */
export async function createReply(ctx: Context, input: CreateReplyInput): Promise<ReplyView> {
  const { scenarioId, parentId, body, stance, idempotencyKey } = parseInput(CreateReplyInput, input);
  const actor = ctx.actor;
  if (!actor) {
    await findReadableScenario(null, scenarioId); // a scenario hidden from this reader is not found
    throw new Unauthenticated();
  }
  // Before the transaction, so that its locks are not held while the text is rendered and fingerprinted.
  const html = await renderMarkdown(body);
  const fingerprint = textFingerprint(body);
  const document = replySearchDocument({ body });
  return onceForKey(actor.id, idempotencyKey, async (remember) =>
    withinNewAccountLimit(actor, "newAccountReplies", () => transactWithEvents(async (tx, emit) => {
      const found = await lockReplyTarget(tx, actor.id, scenarioId, parentId ?? null);
      assertVisible(actor, found && { post: found.post, scenario: found.scenario });
      const target = found!;
      assertCan(actor, { action: "reply.create", target });
      const parent = target.parent;
      if (parentId && !parent) throw new ValidationFailed("The reply answers a reply that is not under this scenario.", [{ path: "parentId", message: "not a reply under this scenario" }]);
      const now = new Date();
      await enforceSlowMode(tx, actor, target.post, now);
      const segment = pathSegment(now);
      const id = newId();
      // The reply, its scenario's counters, its search index row, the author's follow, the end of the member's
      // draft and the duplicate check, in one statement. The check reads what was committed before it (after the lock), not the row inserted beside
      // it; a duplicate rolls the whole transaction back.
      const inserted = tx.$with("inserted").as(
        tx
          .insert(replies)
          .values({
            id,
            scenarioId,
            postId: target.post.id,
            parentId: parentId ?? null,
            depth: parent ? parent.depth + 1 : 0,
            path: parent ? `${parent.path}/${segment}` : segment,
            authorId: actor.id,
            body,
            html,
            fingerprint,
            stance,
            createdAt: now,
          })
          .returning(),
      );
      const cleared = tx
        .$with("cleared")
        .as(tx.delete(drafts).where(and(eq(drafts.userId, actor.id), eq(drafts.key, replyDraftKey(scenarioId, parentId ?? null)))).returning({ key: drafts.key }));
      const indexed = tx
        .$with("indexed")
        .as(
          tx
            .insert(searchDocuments)
            .values({ targetType: "reply", targetId: id, postId: target.post.id, document: sql`cast(${document} as tsvector)` })
            .returning({ targetId: searchDocuments.targetId }),
        );
      const repeated = tx
        .select({ id: replies.id })
        .from(replies)
        .where(and(eq(replies.scenarioId, scenarioId), sameTextLately(replies, actor.id, fingerprint)))
        .limit(1);
      // The author follows the scenario they reply to (unless they turned that off), its counter moving with it.
      const followed = tx.$with("followed").as(insertFollow(tx, actor.id, "scenario", scenarioId, true));
      const counted = tx
        .$with("counted")
        .as(
          tx
            .update(scenarios)
            .set({ replyCount: sql`${scenarios.replyCount} + 1`, followerCount: sql`${scenarios.followerCount} + (select count(*) from ${followed})::int`, lastActivityAt: now })
            .where(eq(scenarios.id, scenarioId))
            .returning({ replyCount: scenarios.replyCount, repeated: sql<boolean>`exists(${repeated})`.as("repeated") }),
        );
      const [row] = await tx.with(inserted, followed, counted, cleared, indexed).select().from(inserted).crossJoin(counted);
      if (row!.counted.repeated) throw new Conflict("You posted this reply a moment ago.");
      const view = toReplyView(row!.inserted, { id: actor.id, handle: actor.handle, name: actor.name }, actor);
      await emit(target.post.id, "reply.created", { reply: view, replyCount: row!.counted.replyCount });
      await remember(tx, view);
      return view;
    })),
  );
}

/**
 * The scenario, its post and the parent reply (when one is named) a new reply needs, read in the statement that
 * takes the lock serialising one author's replies under one scenario, so that a double submit cannot slip past
 * the duplicate check that follows. No row, no lock: the scenario does not exist.
 */
async function lockReplyTarget(tx: Transaction, authorId: string, scenarioId: string, parentId: string | null) {
  const parent = parentId
    ? sql<{ path: string; depth: number } | null>`(select json_build_object('path', ${replies.path}, 'depth', ${replies.depth}) from ${replies} where ${replies.id} = ${parentId} and ${replies.scenarioId} = ${scenarioId})`
    : sql<null>`null`;
  const [row] = await tx
    .select({
      locked: sql`pg_advisory_xact_lock(hashtext(${`reply:${authorId}:${scenarioId}`}))`,
      scenario: { status: scenarios.status, authorId: scenarios.authorId, isLocked: scenarios.isLocked },
      post: { id: posts.id, isLocked: posts.isLocked, status: posts.status, authorId: posts.authorId, slowModeSeconds: posts.slowModeSeconds },
      parent,
    })
    .from(scenarios)
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .where(eq(scenarios.id, scenarioId));
  return row;
}

export const ListRepliesInput = z.object({
  scenarioId: Id,
  /** Only this reply and the replies beneath it (a branch of the thread). */
  under: Id.optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});
export type ListRepliesInput = Unparsed<typeof ListRepliesInput>;

/** The scenario and its post; NotFound unless both exist and this reader may see them (the visibility rule). */
export async function findReadableScenario(actor: Actor | null, scenarioId: string): Promise<{ scenario: Scenario; post: Post }> {
  const [found] = await (await getDb()).select({ scenario: scenarios, post: posts }).from(scenarios).innerJoin(posts, eq(posts.id, scenarios.postId)).where(eq(scenarios.id, scenarioId));
  assertVisible(actor, found);
  return found!;
}

/**
 * A scenario's replies in thread order (each parent before its children, siblings oldest first), paginated;
 * with `under`, only that reply's branch. Anyone who may read the scenario.
 */
export async function listReplies(ctx: Context, input: ListRepliesInput): Promise<{ replies: ReplyView[]; nextCursor: string | null }> {
  const { scenarioId, under, limit, cursor } = parseInput(ListRepliesInput, input);
  await findReadableScenario(ctx.actor, scenarioId);
  const db = await getDb();
  let branch: SQL | undefined;
  if (under) {
    const [root] = await db.select({ path: replies.path }).from(replies).where(and(eq(replies.id, under), eq(replies.scenarioId, scenarioId)));
    if (!root) throw new NotFound("The reply");
    // Paths are base-36 segments joined by "/", so a prefix match is exactly the branch.
    branch = or(eq(replies.path, root.path), like(replies.path, `${root.path}/%`));
  }
  const after = cursor ? decodeCursor(cursor, z.tuple([z.string().max(200).regex(/^[A-Za-z0-9_\/-]+$/)]))[0] : undefined;
  const rows = await db
    .select({ reply: replies, author: authorColumns })
    .from(replies)
    .innerJoin(users, eq(users.id, replies.authorId))
    .where(and(eq(replies.scenarioId, scenarioId), branch, after ? gt(replies.path, after) : undefined))
    .orderBy(asc(replies.path))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    replies: page.map(({ reply, author }) => toReplyView(reply, author, ctx.actor)),
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.reply.path]) : null,
  };
}

export type StanceTally = Record<Stance, number>;

/** How many visible replies under a scenario take each stance. */
export async function tallyStances(scenarioId: string): Promise<StanceTally> {
  const rows = await (await getDb())
    .select({ stance: replies.stance, n: count() })
    .from(replies)
    .where(and(eq(replies.scenarioId, scenarioId), eq(replies.status, "visible")))
    .groupBy(replies.stance);
  const tally = Object.fromEntries(stances.map((s) => [s, 0])) as StanceTally;
  for (const row of rows) tally[row.stance] = row.n;
  return tally;
}

export const UpdateReplyInput = z
  .object({ replyId: Id, body: Body.optional(), stance: z.enum(stances).optional() })
  .refine((v) => v.body !== undefined || v.stance !== undefined, "nothing to change");
export type UpdateReplyInput = Unparsed<typeof UpdateReplyInput>;

/** Edits a reply. Its author or a moderator; the version before the edit is kept as a revision. */
export async function updateReply(ctx: Context, input: UpdateReplyInput): Promise<ReplyView> {
  const { replyId, ...changes } = parseInput(UpdateReplyInput, input);
  const db = await getDb();
  const [found] = await db
    .select({ reply: replies, isLocked: posts.isLocked, post: { status: posts.status, authorId: posts.authorId }, scenario: { status: scenarios.status, authorId: scenarios.authorId } })
    .from(replies)
    .innerJoin(posts, eq(posts.id, replies.postId))
    .innerJoin(scenarios, eq(scenarios.id, replies.scenarioId))
    .where(eq(replies.id, replyId));
  assertVisible(ctx.actor, found && { post: found.post, scenario: found.scenario, reply: found.reply });
  const row = found!;
  const actor = assertCan(ctx.actor, { action: "reply.edit", target: { authorId: row.reply.authorId, post: { isLocked: row.isLocked } } });
  await consumeRateLimit("editsByMember", actor.id);
  const html = changes.body !== undefined ? await renderMarkdown(changes.body) : undefined;
  return transactWithEvents(async (tx, emit) => {
    await tx.insert(replyRevisions).values({ replyId, editorId: actor.id, body: row.reply.body, stance: row.reply.stance });
    const [updated] = await tx
      .update(replies)
      .set({ ...changes, ...(changes.body !== undefined ? { html, fingerprint: textFingerprint(changes.body) } : {}), editedAt: new Date() })
      .where(eq(replies.id, replyId))
      .returning();
    if (changes.body !== undefined) {
      await indexContent(tx, [{ targetType: "reply", targetId: replyId, postId: row.reply.postId, document: replySearchDocument(updated!) }]);
    }
    const [author] = await tx.select(authorColumns).from(users).where(eq(users.id, updated!.authorId));
    const view = toReplyView(updated!, author!, actor);
    // The event goes to every reader of the post: an edit an anonymous reader could not see is announced without its text.
    const shown = canSee(null, row.scenario, row.reply);
    await emit(row.reply.postId, "reply.updated", !shown ? redactedData({ targetType: "reply", targetId: replyId }) : { reply: view });
    return view;
  });
}
