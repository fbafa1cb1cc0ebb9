import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { posts, replies, scenarios, searchDocuments, searchTargetTypes, type SearchTargetType } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertVisible, visibleTo } from "@/lib/auth/permissions";
import { ValidationFailed } from "@/lib/errors";
import { postPath, replyPath, scenarioPath } from "@/lib/forum/paths";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import { userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import type { PostText } from "./index-content";
import { searchableText } from "./markdown-text";
import { countTerms, hasPrefixTerms, highlightTerms, MAX_QUERY_TERMS, parseSearchQuery, toTsquery, type MatchMode, type QueryTerm, type SearchQuery } from "./query";
import { openingSnippet, snippetAround } from "./snippet";

/** A query param sent empty (`?type=`) is a param not sent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const SearchInput = z.object({
  q: userText(1, 200),
  type: optional(z.enum(searchTargetTypes)),
  postId: optional(Identifier),
  limit: Limit,
  cursor: optional(z.string().max(500)),
});
export type SearchInput = Unparsed<typeof SearchInput>;

export type SearchResult = {
  type: SearchTargetType;
  id: string;
  postId: string;
  scenarioId?: string;
  /** The post's or scenario's title; for a reply, none (the page shows its scenario's). */
  title?: string;
  /** For a reply: the title of the scenario it debates. */
  scenarioTitle?: string;
  /** HTML: the text escaped, the matching words in `<mark>`, nothing else. */
  snippet: string;
  url: string;
  rank: number;
};

/** Cursor: the mode the first page settled on, then the last result's rank, type and id. */
const SearchCursor = z.tuple([z.enum(["exact", "prefix"]), z.number(), z.enum(searchTargetTypes), Identifier]);

/** A search never runs longer than this; past it the database cancels the statement. */
const STATEMENT_TIMEOUT_MS = 3_000;

type Hit = {
  type: SearchTargetType;
  id: string;
  post_id: string;
  scenario_id: string | null;
  rank: number;
  slug: string;
  post_title: string;
  question: string | null;
  post_body: string | null;
  translations: PostText[] | null;
  scenario_title: string | null;
  scenario_body: string | null;
  reply_body: string | null;
};

/**
 * Searches the titles and bodies of posts (in every language they are written in), scenarios and replies.
 * Anyone may call it. Ranked (titles count most), with a snippet around the first match; optionally only one
 * type, or only what is on one post. When the words as typed find nothing, words that merely begin with them
 * are looked for too (a partial word still finds something). What the reader may not see (hidden content, or content
 * on it) is not found: the visibility rule, as in every list.
 */
export async function searchContent(ctx: Context, input: SearchInput): Promise<{ results: SearchResult[]; nextCursor: string | null }> {
  const { q, type, postId, limit, cursor } = parseInput(SearchInput, input);
  const query = parseSearchQuery(q);
  if (!query) throw new ValidationFailed("The query has no words to search for.", [{ path: "q", message: "only operators or punctuation" }]);
  if (countTerms(query) > MAX_QUERY_TERMS) {
    throw new ValidationFailed(`The query has more than ${MAX_QUERY_TERMS} words.`, [{ path: "q", message: "too many words" }]);
  }
  if (postId) await assertSearchablePost(ctx, postId);
  const after = cursor ? decodeCursor(cursor, SearchCursor) : undefined;
  const filters = { ctx, type, postId, limit };
  let mode: MatchMode = after?.[0] ?? "exact";
  let hits = await findHits(query, mode, after, filters);
  if (!after && hits.length === 0 && hasPrefixTerms(query)) {
    mode = "prefix";
    hits = await findHits(query, mode, undefined, filters);
  }
  const page = hits.slice(0, limit);
  const last = page.at(-1);
  const terms = highlightTerms(query);
  return {
    results: page.map((hit) => toResult(hit, terms, mode)),
    nextCursor: hits.length > limit && last ? encodeCursor([mode, last.rank, last.type, last.id]) : null,
  };
}

async function assertSearchablePost(ctx: Context, postId: string): Promise<void> {
  const [post] = await (await getDb()).select({ status: posts.status, authorId: posts.authorId }).from(posts).where(sql`${posts.id} = ${postId}`);
  assertVisible(ctx.actor, { post });
}

type Filters = { ctx: Context; type?: SearchTargetType; postId?: string; limit: number };

async function findHits(query: SearchQuery, mode: MatchMode, after: z.infer<typeof SearchCursor> | undefined, filters: Filters): Promise<Hit[]> {
  const { ctx, type, postId, limit } = filters;
  const onPost = postId ? sql`d.post_id = ${postId}` : sql`true`;
  const matches = (targetType: SearchTargetType) => sql`d.target_type = ${targetType} and d.document @@ q.q and ${onPost}`;
  const rank = sql`ts_rank(d.document, q.q, 1)`;
  // The visibility rule's own SQL (lib/auth/permissions.ts), on the content tables joined by name.
  const shown = (...levels: Parameters<typeof visibleTo>[1][]) => visibleTo(ctx.actor, ...levels) ?? sql`true`;
  const branches: Record<SearchTargetType, SQL> = {
    post: sql`select 'post'::text as type, ${posts.id} as id, ${posts.id} as post_id, null::text as scenario_id, ${rank} as rank
      from ${searchDocuments} d join ${posts} on ${posts.id} = d.target_id, q
      where ${matches("post")} and ${shown(posts)}`,
    scenario: sql`select 'scenario'::text as type, ${scenarios.id} as id, ${scenarios.postId} as post_id, ${scenarios.id} as scenario_id, ${rank} as rank
      from ${searchDocuments} d join ${scenarios} on ${scenarios.id} = d.target_id join ${posts} on ${posts.id} = ${scenarios.postId}, q
      where ${matches("scenario")} and ${shown(scenarios, posts)}`,
    reply: sql`select 'reply'::text as type, ${replies.id} as id, ${replies.postId} as post_id, ${replies.scenarioId} as scenario_id, ${rank} as rank
      from ${searchDocuments} d join ${replies} on ${replies.id} = d.target_id join ${scenarios} on ${scenarios.id} = ${replies.scenarioId}
        join ${posts} on ${posts.id} = ${replies.postId}, q
      where ${matches("reply")} and ${shown(replies, scenarios, posts)}`,
  };
  const chosen = type ? [branches[type]] : searchTargetTypes.map((t) => branches[t]);
  const resume = after ? sql`(h.rank, h.type, h.id) < (cast(${after[1]} as real), ${after[2]}, ${after[3]})` : sql`true`;
  const statement = sql`
    with q as (select cast(${toTsquery(query, mode)} as tsquery) as q),
    hits as (${sql.join(chosen, sql` union all `)}),
    page as (select * from hits h where ${resume} order by h.rank desc, h.type desc, h.id desc limit ${limit + 1})
    select h.type, h.id, h.post_id, h.scenario_id, h.rank, p.slug, p.title as post_title,
      case when h.type = 'post' then p.question end as question,
      case when h.type = 'post' then p.body end as post_body,
      case when h.type = 'post' then (select json_agg(json_build_object('title', t.title, 'question', t.question, 'body', t.body) order by t.lang)
        from post_translations t where t.post_id = p.id) end as translations,
      s.title as scenario_title,
      case when h.type = 'scenario' then s.body end as scenario_body,
      r.body as reply_body
    from page h join ${posts} p on p.id = h.post_id
      left join ${scenarios} s on s.id = h.scenario_id
      left join ${replies} r on h.type = 'reply' and r.id = h.id
    order by h.rank desc, h.type desc, h.id desc`;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`));
    return rowsOf<Hit>(await tx.execute(statement));
  });
}

function toResult(hit: Hit, terms: QueryTerm[], mode: MatchMode): SearchResult {
  const postUrl = postPath(hit.slug);
  const rank = Number(hit.rank);
  const snippetOf = (texts: string[]) => snippetAround(texts, terms, mode) ?? openingSnippet(texts[0] ?? "");
  if (hit.type === "post") {
    // The language version that matched gives the title and the snippet: an English query shows the translation.
    const versions = [{ title: hit.post_title, question: hit.question ?? "", body: hit.post_body ?? "" }, ...(hit.translations ?? [])];
    const version =
      versions.find((v) => snippetAround([v.title, v.question, searchableText(v.body)], terms, mode) !== null) ?? versions[0]!;
    const snippet = snippetOf([version.question, searchableText(version.body)]);
    return { type: "post", id: hit.id, postId: hit.post_id, title: version.title, snippet, url: postUrl, rank };
  }
  const scenarioUrl = scenarioPath(hit.slug, hit.scenario_id!);
  if (hit.type === "scenario") {
    const snippet = snippetOf([searchableText(hit.scenario_body ?? "")]);
    return { type: "scenario", id: hit.id, postId: hit.post_id, scenarioId: hit.id, title: hit.scenario_title ?? "", snippet, url: scenarioUrl, rank };
  }
  return {
    type: "reply",
    id: hit.id,
    postId: hit.post_id,
    scenarioId: hit.scenario_id!,
    scenarioTitle: hit.scenario_title ?? undefined,
    snippet: snippetOf([searchableText(hit.reply_body ?? "")]),
    url: replyPath(hit.slug, hit.scenario_id!, hit.id),
    rank,
  };
}
