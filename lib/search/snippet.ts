import { documentKeys, wordSpans, type WordSpan } from "./normalize";
import type { MatchMode, QueryTerm } from "./query";
import { escapeHtml } from "@/lib/text/markdown";

/** About this many characters of text around the first match, cut at word boundaries. */
const SNIPPET_LENGTH = 220;
const LEAD = 60;


/** Whether a written word is one the query looks for: the same test the index makes, key against key. */
function wordMatches(word: string, terms: QueryTerm[], mode: MatchMode): boolean {
  const keys = documentKeys(word);
  return terms.some(
    (term) =>
      term.keys.some((key) => keys.includes(key)) ||
      (mode === "prefix" && term.prefix !== null && keys.some((key) => key.startsWith(term.prefix!))),
  );
}

/** The first matching word of a text, or -1; stops at the first so a long body costs only what it must. */
function firstMatch(words: WordSpan[], terms: QueryTerm[], mode: MatchMode): number {
  return words.findIndex((span) => wordMatches(span.word, terms, mode));
}

/**
 * A piece of the first of the texts that contains a match, around that match, as HTML: the text escaped and
 * every matching word in `<mark>`, nothing else. Null when no text matches.
 */
export function snippetAround(texts: string[], terms: QueryTerm[], mode: MatchMode): string | null {
  for (const text of texts) {
    const words = wordSpans(text);
    const first = firstMatch(words, terms, mode);
    if (first >= 0) return markWindow(text, words, first, terms, mode);
  }
  return null;
}

/** The opening of a text as snippet HTML, for a result whose match is elsewhere (in its title). */
export function openingSnippet(text: string): string {
  return markWindow(text, wordSpans(text), 0, [], "exact");
}

function markWindow(text: string, words: WordSpan[], anchor: number, terms: QueryTerm[], mode: MatchMode): string {
  if (words.length === 0) return escapeHtml(text.slice(0, SNIPPET_LENGTH));
  let from = anchor;
  while (from > 0 && words[anchor]!.start - words[from - 1]!.start <= LEAD) from -= 1;
  let to = anchor;
  while (to + 1 < words.length && words[to + 1]!.end - words[from]!.start <= SNIPPET_LENGTH) to += 1;
  const start = from === 0 ? 0 : words[from]!.start;
  const end = to === words.length - 1 ? text.length : words[to]!.end;
  let html = start > 0 ? "…" : "";
  let cursor = start;
  for (let i = from; i <= to; i++) {
    const span = words[i]!;
    if (!wordMatches(span.word, terms, mode)) continue;
    html += `${escapeHtml(text.slice(cursor, span.start))}<mark>${escapeHtml(span.word)}</mark>`;
    cursor = span.end;
  }
  html += escapeHtml(text.slice(cursor, end));
  return end < text.length ? `${html}…` : html;
}
