/**
 * Render time of pathological Markdown shapes at 1 KB, 10 KB and 20 KB: each shape is first put through the
 * nesting scan that every body passes before parsing; a refused shape prints the scan's time, an accepted one the
 * full render (parse, sanitise, stringify). Figures are printed, never asserted.
 *   npm run bench:markdown
 */
import { renderMarkdown } from "@/lib/text/markdown";
import { markdownNestingProblem } from "@/lib/text/markdown-limits";

const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** A paragraph-sized piece repeated, separated by blank lines: the worst that the per-paragraph bounds let through. */
const paragraphs = (unit: string, size: number) => fill(`${unit}\n\n`, size);

const shapes: Record<string, (size: number) => string> = {
  "nested list markers": (n) => fill("- ", n),
  "nested block quotes": (n) => fill("> ", n),
  "lists in quotes": (n) => fill("- > ", n),
  "16-deep lists, repeated": (n) => paragraphs("- ".repeat(16) + "a", n),
  "16-deep quotes, repeated": (n) => paragraphs("> ".repeat(16) + "a", n),
  "run of *": (n) => "*".repeat(n),
  "run of _": (n) => "_".repeat(n),
  "run of `": (n) => "`".repeat(n),
  "run of [": (n) => "[".repeat(n),
  "emphasis openers": (n) => fill("*a ", n),
  "500 emphasis runs, repeated": (n) => paragraphs("*a ".repeat(250) + "_b ".repeat(250), n),
  "*_ alternating, 500 a paragraph": (n) => paragraphs("*_".repeat(250), n),
  "16 open [, repeated": (n) => paragraphs("[".repeat(16) + "a", n),
  "unclosed [a](": (n) => fill("[a](", n),
  "inline HTML <a>": (n) => fill("<a>", n),
  "block HTML <div>": (n) => fill("<div>\n", n),
  "many-column table": (n) => `${fill("|a", n / 2)}\n${fill("|-", n / 2)}\n`,
  "wide table, many rows": (n) => `|${"a|".repeat(100)}\n|${"-|".repeat(100)}\n${fill("|\n", n - 404)}`,
  "link reference definitions": (n) => fill("[a]: /b\n", n),
  "link references used": (n) => `[a]: /b\n\n${fill("[x][a] ", n - 10)}`,
  "footnote references": (n) => fill("[^a] ", n),
  "autolinks": (n) => fill("www.a.test ", n),
  "backslash escapes": (n) => fill("\\*", n),
  "hard breaks": (n) => fill("a  \n", n),
  "one-line paragraphs": (n) => fill("a\n\n", n),
};

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

renderMarkdown("warm *up* [the](https://x.test) parser\n\n- a\n- b\n\n|a|b|\n|-|-|\n|1|2|\n");
console.log(`${"shape".padEnd(34)}${["1 KB", "10 KB", "20 KB"].map((s) => s.padStart(22)).join("")}`);
for (const [name, make] of Object.entries(shapes)) {
  const cells = [1_000, 10_000, 20_000].map((size) => {
    const source = make(size);
    const problem = markdownNestingProblem(source);
    if (problem !== null) return `refused ${time(() => markdownNestingProblem(source)).toFixed(1)} ms`;
    const runs = [0, 1, 2].map(() => time(() => renderMarkdown(source)));
    return `${Math.min(...runs).toFixed(1)} ms`;
  });
  console.log(`${name.padEnd(34)}${cells.map((c) => c.padStart(22)).join("")}`);
}
