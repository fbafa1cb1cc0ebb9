/**
 * Markdown reduced to the words a reader sees, cheaply (no parse: it runs on every result of a search): link
 * and image targets, HTML tags and formatting marks go, their text stays. The index and the snippets use the
 * same text, so a snippet shows what was matched.
 */
export function searchableText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>\n]*>/g, " ")
    .replace(/^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_~`|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
