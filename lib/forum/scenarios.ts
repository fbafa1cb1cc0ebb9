import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { drafts, posts, scenarioRevisions, scenarios, users, type Post } from "@/db/schema";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import type { Context } from "@/lib/auth/actor";
import { assertCan, assertVisible, canSee, visibleTo } from "@/lib/auth/permissions";
import { Conflict } from "@/lib/errors";
import { autoFollow } from "@/lib/notify/follows";
import { transactWithEvents } from "@/lib/live/outbox";
import { indexContent, scenarioSearchDocument } from "@/lib/search/index-content";
import { redactedData } from "@/lib/live/redaction";
import { excerptFromMarkdown } from "@/lib/text/excerpt";
import { consumeRateLimit } from "@/lib/rate-limit";
import { scenarioDraftKey } from "@/lib/rules/draft-keys";
import { contestInForce } from "@/lib/rules/contest-mode";
import { scenarioSorts, type ScenarioSort } from "@/lib/rules/scenario-sorts";
import { textLimits } from "@/lib/rules/text-limits";
import { renderMarkdown, renderStoredMarkdown } from "@/lib/text/render";
import { readCommunity, recomputeIfRacedBy, type CommunityView } from "@/lib/forecasts/community";
import { markdownText, userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { sameTextLately, textFingerprint } from "./duplicates";
import { onceForKey } from "./idempotency";
import { withinNewAccountLimit } from "./rate-limits";
import { contestShuffleKey, computeControversy, computeHotScore, computeWilsonLowerBound } from "./ranking";
import { selectScenarioViews, type ScenarioView } from "./scenario-view";

const Id = Identifier;
const Coordinate = z.number().int("must be a whole number").min(0).max(100);
const Title = userText(...textLimits.scenarioTitle);
const Body = markdownText(...textLimits.scenarioBody);


/** The post, or NotFound when it does not exist or this reader may not see it. */
async function findPost(ctx: Context, postId: string): Promise<Post> {
  const [post] = await (await getDb()).select().from(posts).where(eq(posts.id, postId));
  assertVisible(ctx.actor, { post });
  return post!;
}

/** Fills in the community forecast, once it is revealed, for scenarios of one post. */
function withCommunity(views: ScenarioView[], community: CommunityView): ScenarioView[] {
  return views.map((view) => ({ ...view, community: community.revealed ? (community.scenarios[view.id] ?? null) : null }));
}

/** One scenario as its viewer may see it; hidden and merged ones (or on a hidden post) read as not found except to moderators and authors. */
export async function getScenario(ctx: Context, input: { scenarioId?: unknown }): Promise<ScenarioView> {
  const { scenarioId } = parseInput(z.object({ scenarioId: Id }), input);
  const db = await getDb();
  const [view] = await selectScenarioViews(db, eq(scenarios.id, scenarioId), ctx.actor);
  const [post] = view ? await db.select({ status: posts.status, authorId: posts.authorId }).from(posts).where(eq(posts.id, view.postId)) : [];
  assertVisible(ctx.actor, { post, scenario: view && { status: view.status, authorId: view.author.id } });
  return withCommunity([view!], await readCommunity(view!.postId))[0]!;
}

export const CreateScenarioInput = z.object({
  postId: Id,
  title: Title,
  body: Body,
  x: Coordinate.default(50),
  y: Coordinate.default(50),
  idempotencyKey: z.unknown().optional(),
});
export type CreateScenarioInput = Unparsed<typeof CreateScenarioInput>;

/**
 * Proposes a scenario on a post. Active members; 423 on a locked post; 409 when the same member posted the same
 * text on the post in the last five minutes; new accounts are rate limited. Idempotent with an Idempotency-Key.
 * Clears the member's draft for the post in the same transaction.
 */
export async function createScenario(ctx: Context, input: CreateScenarioInput): Promise<ScenarioView> {
  const { postId, title, body, x, y, idempotencyKey } = parseInput(CreateScenarioInput, input);
  const post = await findPost(ctx, postId);
  const actor = assertCan(ctx.actor, { action: "scenario.create", target: { post } });
  const fingerprint = textFingerprint(title, body);
  const document = scenarioSearchDocument({ title, body });
  // Before the transaction, so that its locks are not held while the text is rendered.
  const html = await renderMarkdown(body);
  const created = await onceForKey<ScenarioView>(actor.id, idempotencyKey, async (remember) =>
    withinNewAccountLimit(actor, "newAccountScenarios", () => transactWithEvents(async (tx, emit) => {
      // One author's creates on one post run one at a time, so a double submit cannot slip past the check.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`scenario:${actor.id}:${postId}`}))`);
      const [repeated] = await tx
        .select({ id: scenarios.id })
        .from(scenarios)
        .where(and(eq(scenarios.postId, postId), sameTextLately(scenarios, actor.id, fingerprint)))
        .limit(1);
      if (repeated) throw new Conflict("You proposed this scenario a moment ago.");
      const [row] = await tx
        .insert(scenarios)
        .values({ postId, authorId: actor.id, title, body, html, excerpt: excerptFromMarkdown(body), fingerprint, x, y })
        .returning({ id: scenarios.id });
      await indexContent(tx, [{ targetType: "scenario", targetId: row!.id, postId, document }]);
      await tx.update(posts).set({ scenarioCount: sql`${posts.scenarioCount} + 1` }).where(eq(posts.id, postId));
      await autoFollow(tx, actor.id, "scenario", row!.id);
      await tx.delete(drafts).where(and(eq(drafts.userId, actor.id), eq(drafts.key, scenarioDraftKey(postId))));
      const [view] = await selectScenarioViews(tx, eq(scenarios.id, row!.id), actor);
      await emit(postId, "scenario.created", { scenario: { ...view!, myVote: undefined } });
      await remember(tx, view!);
      return view!;
    })),
  );
  await recomputeIfRacedBy(created);
  return created;
}

export const UpdateScenarioInput = z
  .object({ scenarioId: Id, title: Title.optional(), body: Body.optional(), x: Coordinate.optional(), y: Coordinate.optional() })
  .refine((v) => v.title !== undefined || v.body !== undefined || v.x !== undefined || v.y !== undefined, "nothing to change");
export type UpdateScenarioInput = Unparsed<typeof UpdateScenarioInput>;

/** Edits a scenario. Its author or a moderator; the version before the edit is kept as a revision. */
export async function updateScenario(ctx: Context, input: UpdateScenarioInput): Promise<ScenarioView> {
  const { scenarioId, ...changes } = parseInput(UpdateScenarioInput, input);
  const current = await getScenario(ctx, { scenarioId });
  const post = await findPost(ctx, current.postId);
  const actor = assertCan(ctx.actor, { action: "scenario.edit", target: { authorId: current.author.id, post } });
  await consumeRateLimit("editsByMember", actor.id);
  const html = changes.body !== undefined ? await renderMarkdown(changes.body) : undefined;
  return transactWithEvents(async (tx, emit) => {
    const [before] = await tx.select().from(scenarios).where(eq(scenarios.id, scenarioId)).for("update");
    const { title: oldTitle, body: oldBody, html: oldHtml, x: oldX, y: oldY } = before!;
    await tx.insert(scenarioRevisions).values({ scenarioId, editorId: actor.id, title: oldTitle, body: oldBody, html: oldHtml, x: oldX, y: oldY });
    const body = changes.body ?? before!.body;
    const title = changes.title ?? before!.title;
    await tx
      .update(scenarios)
      .set({
        ...changes,
        ...(html !== undefined ? { html, excerpt: excerptFromMarkdown(body) } : {}),
        fingerprint: textFingerprint(title, body),
        editedAt: new Date(),
        lastActivityAt: new Date(),
      })
      .where(eq(scenarios.id, scenarioId));
    if (changes.title !== undefined || changes.body !== undefined) {
      await indexContent(tx, [{ targetType: "scenario", targetId: scenarioId, postId: current.postId, document: scenarioSearchDocument({ title, body }) }]);
    }
    const [view] = await selectScenarioViews(tx, eq(scenarios.id, scenarioId), actor);
    // The event goes to every reader of the post: an edit only an anonymous reader could not see is announced without its text.
    const data = !canSee(null, { status: current.status, authorId: current.author.id }) ? redactedData({ targetType: "scenario", targetId: scenarioId }) : { scenario: { ...view!, myVote: undefined } };
    await emit(current.postId, "scenario.updated", data);
    return view!;
  });
}

export type RevisionView = {
  id: string;
  title: string;
  body: string;
  html: string;
  x: number;
  y: number;
  editor: { id: string; handle: string; name: string };
  createdAt: string;
};

export const ListScenarioRevisionsInput = z.object({ scenarioId: Id, limit: Limit, cursor: z.string().max(200).optional() });
export type ListScenarioRevisionsInput = Unparsed<typeof ListScenarioRevisionsInput>;
const RevisionCursor = z.tuple([z.iso.datetime(), Id]);

/**
 * Earlier versions of a scenario, newest first, a page at a time, with the HTML stored when each was written.
 * Anyone who may read the scenario's text. Rows from before the HTML was stored are rendered once and kept.
 */
export async function listScenarioRevisions(ctx: Context, input: ListScenarioRevisionsInput): Promise<{ revisions: RevisionView[]; nextCursor: string | null }> {
  const { scenarioId, limit, cursor } = parseInput(ListScenarioRevisionsInput, input);
  const scenario = await getScenario(ctx, { scenarioId });
  // A merged scenario is only a pointer to this reader: its earlier text is redacted with its current one.
  if (!canSee(ctx.actor, { status: scenario.status, authorId: scenario.author.id })) return { revisions: [], nextCursor: null };
  const after = cursor ? decodeCursor(cursor, RevisionCursor) : undefined;
  const db = await getDb();
  const rows = await db
    .select({ revision: scenarioRevisions, editor: { id: users.id, handle: users.handle, name: users.name } })
    .from(scenarioRevisions)
    .innerJoin(users, eq(users.id, scenarioRevisions.editorId))
    .where(
      and(
        eq(scenarioRevisions.scenarioId, scenario.id),
        after ? sql`(${scenarioRevisions.createdAt}, ${scenarioRevisions.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
      ),
    )
    .orderBy(desc(scenarioRevisions.createdAt), desc(scenarioRevisions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const revisions = await Promise.all(
    page.map(async ({ revision, editor }) => ({
      id: revision.id,
      title: revision.title,
      body: revision.body,
      html: revision.html ?? (await storeLegacyRevisionHtml(revision.id, revision.body)),
      x: revision.x,
      y: revision.y,
      editor,
      createdAt: revision.createdAt.toISOString(),
    })),
  );
  const last = page.at(-1)?.revision;
  return { revisions, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** Renders a revision stored before its HTML was, once; a body past today's bounds is kept as plain text. */
async function storeLegacyRevisionHtml(revisionId: string, body: string): Promise<string> {
  const html = await renderStoredMarkdown(body);
  await (await getDb()).update(scenarioRevisions).set({ html }).where(eq(scenarioRevisions.id, revisionId));
  return html;
}


export const ListScenariosInput = z.object({
  postId: Id,
  sort: z.enum(scenarioSorts).default("best"),
  limit: Limit,
  cursor: z.string().max(100).optional(),
});
export type ListScenariosInput = Unparsed<typeof ListScenariosInput>;

type RankRow = {
  id: string;
  title: string;
  x: number;
  y: number;
  status: ScenarioView["status"];
  up: number;
  down: number;
  score: number;
  isPinned: boolean;
  lastActivityAt: Date;
  createdAt: Date;
};

/** The rank of each sort, highest first; ties fall to the newer scenario, then the id, so order is total. */
function rankKey(sort: ScenarioSort, row: RankRow, now: Date, community: CommunityView): number {
  switch (sort) {
    case "probability":
      // While the community forecast is hidden it orders nothing: the best-voted order stands in.
      if (community.revealed) return community.scenarios[row.id]?.probability ?? -1;
      return computeWilsonLowerBound(row.up, row.down);
    case "best":
      return computeWilsonLowerBound(row.up, row.down);
    case "hot":
      return computeHotScore(row.score, row.lastActivityAt, now);
    case "controversial":
      return computeControversy(row.up, row.down);
    case "top":
      return row.score;
    case "new":
      return row.createdAt.getTime();
  }
}

/**
 * A post's scenarios in the chosen order (contest mode's shuffle while it lasts), pinned first: the pure formulas in ranking.ts over the counters of the
 * post's (hundreds of) scenarios, read in one narrow query. Hidden and merged ones, and a hidden post, follow the
 * visibility rule (moderators and authors see them).
 */
async function rankScenarios(ctx: Context, postId: string, sort: ScenarioSort): Promise<{ ranked: RankRow[]; community: CommunityView }> {
  const post = await findPost(ctx, postId);
  const db = await getDb();
  const [rows, community] = await Promise.all([
    db
      .select({
        id: scenarios.id,
        title: scenarios.title,
        x: scenarios.x,
        y: scenarios.y,
        status: scenarios.status,
        up: scenarios.up,
        down: scenarios.down,
        score: scenarios.score,
        isPinned: scenarios.isPinned,
        lastActivityAt: scenarios.lastActivityAt,
        createdAt: scenarios.createdAt,
      })
      .from(scenarios)
      .where(and(eq(scenarios.postId, postId), visibleTo(ctx.actor, scenarios))),
    readCommunity(postId),
  ]);
  const now = new Date();
  // Contest mode: every sort gives each reader their own shuffle. Anonymous readers share one, as the page
  // micro-cache (lib/http/page-cache.ts) serves them one rendered page anyway.
  const seed = contestInForce(post.contestUntil, now) ? `${postId}:${ctx.actor?.id ?? "anonymous"}` : null;
  const ranked = rows
    .map((row) => ({ row, key: seed ? contestShuffleKey(seed, row.id) : rankKey(sort, row, now, community) }))
    .sort((a, b) => Number(b.row.isPinned) - Number(a.row.isPinned) || b.key - a.key || b.row.createdAt.getTime() - a.row.createdAt.getTime() || (a.row.id < b.row.id ? -1 : 1));
  return { ranked: ranked.map((r) => r.row), community };
}

/**
 * A post's scenarios in the chosen order, pinned first, paginated. Anyone may list; hidden and merged scenarios
 * only for moderators and their authors. Full rows are loaded for one page only; the cursor is the offset into the
 * order.
 */
export async function listScenarios(ctx: Context, input: ListScenariosInput): Promise<{ scenarios: ScenarioView[]; nextCursor: string | null }> {
  const { postId, sort, limit, cursor } = parseInput(ListScenariosInput, input);
  const offset = cursor ? decodeCursor(cursor, z.tuple([z.number().int().min(0).max(1_000_000)]))[0] : 0;
  const { ranked, community } = await rankScenarios(ctx, postId, sort);
  const pageIds = ranked.slice(offset, offset + limit).map((r) => r.id);
  const views = pageIds.length ? await selectScenarioViews(await getDb(), inArray(scenarios.id, pageIds), ctx.actor) : [];
  const byId = new Map(withCommunity(views, community).map((v) => [v.id, v]));
  return {
    scenarios: pageIds.map((id) => byId.get(id)!),
    nextCursor: offset + limit < ranked.length ? encodeCursor([offset + limit]) : null,
  };
}

export type ScenarioPlacement = { id: string; title: string; x: number; y: number; createdAt: string };

/**
 * Every visible scenario of a post with just what the map and the forecast need, most likely first (best-voted
 * while the community forecast is hidden). Anyone who may read the post.
 */
export async function listScenarioPlacements(ctx: Context, input: { postId?: unknown }): Promise<ScenarioPlacement[]> {
  const { postId } = parseInput(z.object({ postId: Id }), input);
  const { ranked } = await rankScenarios(ctx, postId, "probability");
  return ranked
    .filter((row) => row.status === "visible")
    .map((row) => ({ id: row.id, title: row.title, x: row.x, y: row.y, createdAt: row.createdAt.toISOString() }));
}
