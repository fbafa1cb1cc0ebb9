import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);

/** The plain-text opening of a Markdown body, cut at a word boundary, for cards and previews. */
export function excerptFromMarkdown(body: string, maxLength = 240): string {
  const tree = parser.parse(body);
  const text = (tree.children as Parameters<typeof toString>[0][])
    .map((node) => toString(node, { includeImageAlt: false }))
    .filter(Boolean)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  const cut = chars.slice(0, maxLength).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
