import type { Element, ElementContent, Root, RootContent } from "hast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/**
 * User Markdown to safe HTML, in layers so one mistake is not enough for XSS:
 * 1. remark-rehype without allowDangerousHtml drops all raw HTML from the source.
 * 2. rewriteChildren turns images into links, rejects bad URL schemes itself, links mentions, demotes headings.
 * 3. rehype-sanitize with an allowlist limited to what Markdown can produce.
 * 4. hardenChildren forces rel, unwraps links that lost their href and drops any attribute still smelling of a script URL.
 *
 * Mentions are ordinary links and get the same rel as every other link: one invariant is easier to audit than two.
 */

const LINK_REL = ["nofollow", "ugc", "noopener"];
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);
// Must equal the sanitizer's clobberPrefix so in-page fragment links (footnotes) keep pointing at their targets.
const ID_PREFIX = "user-content-";
// ASCII-only lookbehind on purpose: Arabic attaches "و" (and) to the next word, so "و@sara" must still mention.
// Emails stay safe because their local part ends in an ASCII word character (and GFM already links them).
const MENTION = /(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_@])/g;

/** The handles a text mentions (lower-cased, each once, at most `limit`), by the same pattern that links them. */
export function mentionedHandles(markdown: string, limit = 20): string[] {
  return [...new Set(Array.from(markdown.matchAll(MENTION), (m) => m[1]!.toLowerCase()))].slice(0, limit);
}
// Browsers drop tabs, newlines and edge controls from URLs, so "java\tscript:" still runs; stripping this wider set
// before reading the scheme errs towards rejecting.
const URL_NOISE = /[\u0000-\u0020\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u2060\uFEFF]/g;
// Deliberately over-strict: a harmless title or URL mentioning these loses the attribute (a link becomes text).
const SCRIPT_URL = /(?:java|vb)script:|\bdata:/i;

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "input", "li", "ol", "p", "pre",
    "section", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
  ],
  attributes: {
    a: [
      "href",
      "title",
      "dataFootnoteRef",
      "dataFootnoteBackref",
      "ariaLabel",
      "ariaDescribedBy",
      "id",
      ["className", "mention", "data-footnote-backref"],
    ],
    code: [["className", /^language-[\w+#.-]+$/]],
    h3: ["id", ["className", "sr-only"]],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    li: ["id", ["className", "task-list-item"]],
    ol: ["start", ["className", "contains-task-list"]],
    section: ["dataFootnotes", ["className", "footnotes"]],
    td: [["align", "left", "center", "right"]],
    th: [["align", "left", "center", "right"]],
    ul: [["className", "contains-task-list"]],
  },
  clobber: ["ariaDescribedBy", "ariaLabelledBy", "id", "name"],
  clobberPrefix: ID_PREFIX,
  protocols: { href: [...SAFE_SCHEMES] },
  required: { input: { type: "checkbox", disabled: true } },
};

/** Returns the URL with a lower-cased scheme, or null when its scheme is not allowlisted. */
function sanitizeUrl(raw: string): string | null {
  const url = raw.trim();
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url.replace(URL_NOISE, ""));
  if (scheme === null) return url;
  const name = scheme[1]!.toLowerCase();
  if (!SAFE_SCHEMES.has(name) || !url.toLowerCase().startsWith(`${name}:`)) return null;
  return name + url.slice(name.length);
}

function createText(value: string): ElementContent {
  return { type: "text", value };
}

function createLink(href: string, children: ElementContent[], className?: string): Element {
  return { type: "element", tagName: "a", properties: className ? { href, className: [className] } : { href }, children };
}

function linkMentions(value: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(MENTION)) {
    if (match.index > last) parts.push(createText(value.slice(last, match.index)));
    parts.push(createLink(`/u/${match[1]}`, [createText(match[0])], "mention"));
    last = match.index + match[0].length;
  }
  if (last === 0) return [createText(value)];
  if (last < value.length) parts.push(createText(value.slice(last)));
  return parts;
}

function rewriteImage(image: Element, insideLink: boolean): ElementContent[] {
  const alt = typeof image.properties.alt === "string" ? image.properties.alt : "";
  const src = typeof image.properties.src === "string" ? sanitizeUrl(image.properties.src) : null;
  // A nested <a> would be re-parented by browsers, so inside a link the image degrades to its alt text.
  if (src === null || insideLink) return alt ? [createText(alt)] : [];
  return [createLink(src, [createText(alt || src)])];
}

function rewriteChildren(parent: Root | Element, insideLink: boolean, insideCode: boolean): void {
  const rewritten: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === "text" && !insideLink && !insideCode) rewritten.push(...linkMentions(child.value));
    else if (child.type === "element" && child.tagName === "img") rewritten.push(...rewriteImage(child, insideLink));
    else if (child.type === "element") {
      rewriteElement(child);
      rewriteChildren(child, insideLink || child.tagName === "a", insideCode || /^(code|pre)$/.test(child.tagName));
      rewritten.push(child);
    } else rewritten.push(child);
  }
  parent.children = rewritten as typeof parent.children;
}

function rewriteElement(element: Element): void {
  // User headings must not compete with the page's own h1/h2 outline.
  if (element.tagName === "h1" || element.tagName === "h2") element.tagName = "h3";
  if (element.tagName !== "a" || typeof element.properties.href !== "string") return;
  const href = element.properties.href;
  if (href.startsWith("#")) element.properties.href = `#${ID_PREFIX}${href.slice(1)}`;
  else {
    const safe = sanitizeUrl(href);
    if (safe === null) delete element.properties.href;
    else element.properties.href = safe;
  }
}

function hardenChildren(parent: Root | Element): void {
  const hardened: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type !== "element") {
      hardened.push(child);
      continue;
    }
    for (const [key, value] of Object.entries(child.properties)) {
      const text = Array.isArray(value) ? value.join(" ") : String(value);
      // Empty arrays are what the sanitizer leaves after rejecting every class; they would print as class="".
      if ((Array.isArray(value) && value.length === 0) || SCRIPT_URL.test(text.replace(URL_NOISE, ""))) {
        delete child.properties[key];
      }
    }
    hardenChildren(child);
    if (child.tagName !== "a") hardened.push(child);
    else if (typeof child.properties.href !== "string") hardened.push(...child.children);
    else {
      delete child.properties.target;
      child.properties.rel = [...LINK_REL];
      hardened.push(child);
    }
  }
  parent.children = hardened as typeof parent.children;
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Empty prefix here: the sanitizer adds ID_PREFIX to ids, rewriteElement adds it to fragment links.
  .use(remarkRehype, { clobberPrefix: "" })
  .use(() => (tree: Root) => rewriteChildren(tree, false, false))
  .use(rehypeSanitize, schema)
  .use(() => (tree: Root) => hardenChildren(tree))
  .use(rehypeStringify);

/**
 * The whole pipeline, synchronously. Only the render worker (lib/text/render-worker.ts), unit tests and the
 * benchmark call it: everything else renders through renderMarkdown (lib/text/render.ts), off the event loop and
 * within a deadline.
 */
export function markdownToHtml(source: string): string {
  return String(processor.processSync(source));
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML that shows it literally (safe in element content and in quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

