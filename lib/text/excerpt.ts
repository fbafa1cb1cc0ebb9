import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

const parser = unified().use(remarkParse).use(remarkGfm);
const textBlocks = new Set(["paragraph", "heading", "code", "tableCell"]);

/** The plain-text opening of a Markdown body, cut at a word boundary, for cards and previews. */
export function excerptFromMarkdown(body: string, maxLength = 240): string {
  const blocks: string[] = [];
  // Each paragraph, heading, list item's paragraph or table cell is its own piece, so words never run together.
  visit(parser.parse(body) as Root, (node) => {
    if (!textBlocks.has(node.type)) return;
    blocks.push(toString(node, { includeImageAlt: false }));
    return "skip";
  });
  const text = blocks.join(" ").replace(/\s+/g, " ").trim();
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  const cut = chars.slice(0, maxLength).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
