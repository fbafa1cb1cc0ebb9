import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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
import { countTerms, hasPrefixTerms, highlightTerms, MAX_QUERY_TERMS, parseSearchQuery, toIndexTsquery, toTsquery, type MatchMode, type QueryTerm, type SearchQuery } from "./query";
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

/**
 * How many documents a search considers at most: the first that hold all its words (in the table's order; a
 * phrase's words in any order, exclusions aside, which is what the GIN index decides), of which those that match
 * the whole query (phrases in order, without the excluded words) are ranked. ts_rank and the phrase check read
 * each document, so a common word's tens of thousands of matches at 100,000 documents would cost a search tens
 * of milliseconds; a query matching more than this is narrowed by more words.
 */
export const MAX_CANDIDATES = 500;

const r = alias(replies, "r");
const s = alias(scenarios, "s");
const p = alias(posts, "p");

/**
 * One page of hits in one statement: the candidates (MAX_CANDIDATES; read by a scan that stops at the bound for
 * common words, through the GIN index for rare ones: the tsqueries are literals, so the planner sees what they
 * match) that match the whole query, ranked; then, in rank order and only until the page is full, each one's
 * content rows by primary key (a lateral join, one candidate at a time), which both checks the visibility rule
 * and reads the texts the snippets are cut from.
 */
async function findHits(query: SearchQuery, mode: MatchMode, after: z.infer<typeof SearchCursor> | undefined, filters: Filters): Promise<Hit[]> {
  const { ctx, type, postId, limit } = filters;
  const [whole, words] = [toTsquery(query, mode), toIndexTsquery(query, mode)];
  const tsquery = sql`cast(${whole} as tsquery)`;
  // The visibility rule's own SQL (lib/auth/permissions.ts), on the content rows joined to each candidate.
  const shown = (...levels: Parameters<typeof visibleTo>[1][]) => visibleTo(ctx.actor, ...levels) ?? sql`true`;
  const resume = after ? sql`(c.rank, c.type, c.id) < (cast(${after[1]} as real), ${after[2]}, ${after[3]})` : sql`true`;
  const statement = sql`
    with candidates as (
      select d.target_type::text as type, d.target_id as id, d.post_id, ts_rank(d.document, ${tsquery}, 1) as rank
      from (select d.target_type, d.target_id, d.post_id, d.document from ${searchDocuments} d
        where d.document @@ cast(${words} as tsquery) and ${type ? sql`d.target_type = ${type}` : sql`true`} and ${postId ? sql`d.post_id = ${postId}` : sql`true`}
        limit ${MAX_CANDIDATES}) d
      ${whole === words ? sql`` : sql`where d.document @@ ${tsquery}`}
    )
    select c.type, c.id, c.post_id, c.rank, x.*
    from (select * from candidates c where ${resume} order by c.rank desc, c.type desc, c.id desc) c
    cross join lateral (
      select ${s.id} as scenario_id, ${p.slug} as slug, ${p.title} as post_title,
        case when c.type = 'post' then ${p.question} end as question,
        case when c.type = 'post' then ${p.body} end as post_body,
        case when c.type = 'post' then (select json_agg(json_build_object('title', t.title, 'question', t.question, 'body', t.body) order by t.lang)
          from post_translations t where t.post_id = ${p.id}) end as translations,
        ${s.title} as scenario_title,
        case when c.type = 'scenario' then ${s.body} end as scenario_body,
        ${r.body} as reply_body
      from ${posts} p
        left join ${replies} r on c.type = 'reply' and ${r.id} = c.id
        left join ${scenarios} s on ${s.id} = case c.type when 'scenario' then c.id when 'reply' then ${r.scenarioId} end
      where ${p.id} = c.post_id and case c.type when 'post' then ${shown(p)} when 'scenario' then ${shown(s, p)} else ${shown(r, s, p)} end
    ) x
    order by c.rank desc, c.type desc, c.id desc
    limit ${limit + 1}`;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // A scan in step with another one would start mid-table, and then which matches are candidates would vary.
    await tx.execute(sql`select set_config('statement_timeout', ${String(STATEMENT_TIMEOUT_MS)}, true), set_config('synchronize_seqscans', 'off', true)`);
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
