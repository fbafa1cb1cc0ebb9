import { lexemeLiteral } from "./document";
import { queryKeys, queryPrefix } from "./normalize";

/** One query word: the keys it is found by, and itself as a prefix for a partial-word search. */
export type QueryTerm = { keys: string[]; prefix: string | null };
export type QueryItem = { kind: "word"; term: QueryTerm } | { kind: "phrase"; terms: QueryTerm[] };

/**
 * A search as typed, in websearch_to_tsquery's syntax: words are all required, `"a quoted phrase"` must appear
 * in that order, `-word` or `-"a phrase"` must not appear, and `or` between two items lets either do. Every
 * word goes through the search normaliser first, which websearch_to_tsquery cannot do.
 */
export type SearchQuery = {
  /** Every group must match; a group matches when one of its items does. */
  include: QueryItem[][];
  exclude: QueryItem[];
};

/** Matching mode: exact keys, or (when that finds nothing) words that begin with the query's words too. */
export type MatchMode = "exact" | "prefix";

const QUOTES = "\"“”«»„";
const TOKEN = new RegExp(`([${QUOTES}])|(-)|([\\p{L}\\p{N}\\p{M}]+(?:['’][\\p{L}\\p{N}\\p{M}]+)*)`, "gu");
/** A partial word shorter than this would match too much to be useful. */
const MIN_PREFIX_LENGTH = 3;
/** More words than this make a query no one types; they are refused rather than run. */
export const MAX_QUERY_TERMS = 32;

function term(word: string): QueryTerm | null {
  const keys = queryKeys(word);
  return keys.length ? { keys, prefix: queryPrefix(word) } : null;
}

/** Parses a query; null when it holds no word to look for (empty, or only operators and punctuation). */
export function parseSearchQuery(input: string): SearchQuery | null {
  const include: QueryItem[][] = [];
  const exclude: QueryItem[] = [];
  const tokens = Array.from(input.matchAll(TOKEN), (m) => ({ quote: m[1], dash: m[2], word: m[3], start: m.index, end: m.index + m[0].length }));
  let phrase: { terms: QueryTerm[]; negated: boolean } | null = null;
  let negateNext = false;
  let orNext = false;

  const add = (item: QueryItem, negated: boolean) => {
    if (negated) exclude.push(item);
    else if (orNext && include.length) include.at(-1)!.push(item);
    else include.push([item]);
    orNext = false;
  };
  const closePhrase = () => {
    if (!phrase) return;
    const { terms, negated } = phrase;
    phrase = null;
    if (terms.length === 1) add({ kind: "word", term: terms[0]! }, negated);
    else if (terms.length > 1) add({ kind: "phrase", terms }, negated);
  };

  tokens.forEach((token, i) => {
    if (token.quote) {
      if (phrase) closePhrase();
      else {
        phrase = { terms: [], negated: negateNext };
        negateNext = false;
      }
    } else if (token.word && phrase) {
      const found = term(token.word);
      if (found) phrase.terms.push({ ...found, prefix: null });
    } else if (token.dash) {
      // A minus negates only at the start of an item ("-word", not "co-operation") and right before it.
      const next = tokens[i + 1];
      const atStart = token.start === 0 || /\s/.test(input[token.start - 1]!);
      negateNext = !phrase && atStart && next !== undefined && next.start === token.end && !next.dash;
    } else if (token.word) {
      const negated = negateNext;
      negateNext = false;
      // "or" is always the operator: between two items it joins them, elsewhere it means nothing.
      if (!negated && token.word.toLowerCase() === "or") {
        orNext = include.length > 0 && i < tokens.length - 1;
        return;
      }
      const found = term(token.word);
      if (found) add({ kind: "word", term: found }, negated);
    }
  });
  closePhrase();
  return include.length ? { include, exclude } : null;
}

/** How many words a parsed query looks for or excludes. */
export function countTerms(query: SearchQuery): number {
  return [...query.include.flat(), ...query.exclude].reduce((n, item) => n + (item.kind === "word" ? 1 : item.terms.length), 0);
}

/** Whether a prefix search could find more than the exact one. */
export function hasPrefixTerms(query: SearchQuery): boolean {
  return query.include.flat().some((item) => item.kind === "word" && (item.term.prefix?.length ?? 0) >= MIN_PREFIX_LENGTH);
}

function termQuery(term: QueryTerm, mode: MatchMode): string {
  const alternatives = term.keys.map(lexemeLiteral);
  if (mode === "prefix" && term.prefix && term.prefix.length >= MIN_PREFIX_LENGTH) alternatives.push(`${lexemeLiteral(term.prefix)}:*`);
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" | ")})`;
}

/** How an item's words must stand: a phrase's in order (`<->`), or merely all present (`&`, what an index can check). */
type Order = "<->" | "&";

function itemQuery(item: QueryItem, mode: MatchMode, order: Order = "<->"): string {
  // Phrases stay exact: a partial word inside quotes is not what quotes ask for.
  return item.kind === "word" ? termQuery(item.term, mode) : `(${item.terms.map((t) => termQuery(t, "exact")).join(` ${order} `)})`;
}

function includedQuery(query: SearchQuery, mode: MatchMode, order: Order): string[] {
  return query.include.map((group) => (group.length === 1 ? itemQuery(group[0]!, mode, order) : `(${group.map((item) => itemQuery(item, mode, order)).join(" | ")})`));
}

/** The query as tsquery text, for `cast(... as tsquery)`: no dictionary runs on it, on either engine. */
export function toTsquery(query: SearchQuery, mode: MatchMode): string {
  const excluded = query.exclude.map((item) => `!${itemQuery(item, "exact")}`);
  return [...includedQuery(query, mode, "<->"), ...excluded].join(" & ");
}

/**
 * The words the query looks for, as tsquery text, without the word order of its phrases or its exclusions: what
 * the GIN index alone decides (positions and negations are checked on each row). Every match of the query
 * matches this; for a query with neither, it is the query itself.
 */
export function toIndexTsquery(query: SearchQuery, mode: MatchMode): string {
  return includedQuery(query, mode, "&").join(" & ");
}

/** The terms a snippet marks: every word the query looks for (excluded ones are absent from a result anyway). */
export function highlightTerms(query: SearchQuery): QueryTerm[] {
  return query.include.flat().flatMap((item) => (item.kind === "word" ? [item.term] : item.terms));
}
