/**
 * Render time of pathological Markdown shapes at 1 KB, 10 KB and 20 KB. Each body first goes through the bounds
 * scan every stored body passes (lib/text/markdown-limits.ts). A refused body prints the scan's time and then the
 * full render time of the longest prefix of it that the bounds accept, which is the worst an author can store of
 * that shape; an accepted body prints its full render time (parse, sanitise, stringify: the work a render thread
 * does, timed here on this thread so the pool's scheduling does not blur it). Times are CPU time, best of five,
 * so that other processes on a shared machine do not inflate them, with ms per KB of the body rendered. Then the
 * production server's `/api/health` latency while 4 members post the slowest accepted reply in a loop
 * (bench/support/health-under-writes.ts). Figures are printed with their targets, never asserted.
 *   npm run bench:markdown
 */
import { markdownToHtml } from "@/lib/text/markdown";
import { markdownComplexityProblem } from "@/lib/text/markdown-limits";
import { healthUnderWrites } from "./support/health-under-writes";

const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** A paragraph-sized piece repeated, separated by blank lines: the worst that the per-paragraph bounds let through. */
const paragraphs = (unit: string, size: number) => fill(`${unit}\n\n`, size);

const baseline = "ordinary prose (baseline)";

export const pathologicalShapes: Record<string, (size: number) => string> = {
  [baseline]: (n) => paragraphs("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(7), n),
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
  "wide table, many rows": (n) => `|${"a|".repeat(60)}\n|${"-|".repeat(60)}\n${fill("|\n", n - 244)}`,
  "link reference definitions": (n) => fill("[a]: /b\n", n),
  "link references used": (n) => `[a]: /b\n\n${fill("[x][a] ", n - 10)}`,
  "footnote references": (n) => fill("[^a] ", n),
  "autolinks": (n) => fill("www.a.test ", n),
  "backslash escapes": (n) => fill("\\*", n),
  "entities": (n) => fill("&amp;", n),
  "hard breaks": (n) => fill("a  \n", n),
  "one-line paragraphs": (n) => fill("a\n\n", n),
  "fenced code lines": (n) => `\`\`\`\n${fill("a\n", n - 8)}\n\`\`\`\n`,
};

/**
 * The longest prefix of the source that the bounds accept, followed by `suffix` (they are monotone in the prefix,
 * so bisect).
 */
export function longestAcceptedPrefix(source: string, suffix = ""): string {
  let low = 0;
  let high = source.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (markdownComplexityProblem(source.slice(0, middle) + suffix) === null) low = middle;
    else high = middle - 1;
  }
  return source.slice(0, low);
}

const renderTargetMs = 50;

/** The least CPU time (ms) of five runs. */
function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return fastest;
}

/** One table cell, and the render time it stands for (of the body, or of its longest accepted prefix). */
function cell(source: string): { text: string; ms: number } {
  if (markdownComplexityProblem(source) === null) {
    const ms = best(() => markdownToHtml(source));
    return { text: `${ms.toFixed(1)} ms (${((ms * 1000) / source.length).toFixed(1)}/KB)`, ms };
  }
  const scan = best(() => markdownComplexityProblem(source));
  const accepted = longestAcceptedPrefix(source);
  const ms = best(() => markdownToHtml(accepted));
  return { text: `no ${scan.toFixed(1)}; ${(accepted.length / 1000).toFixed(1)}K ${ms.toFixed(1)} ms`, ms };
}

/** What each posted reply ends with, so that no two are the same text (the duplicate guard would refuse them). */
const replySuffix = (i: number) => `\n\nrun ${String(i).padStart(6, "0")}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  markdownToHtml("warm *up* [the](https://x.test) parser\n\n- a\n- b\n\n|a|b|\n|-|-|\n|1|2|\n");
  console.log("CPU ms, best of 5. accepted: render ms (ms per KB); refused: 'no <scan ms>; <longest accepted prefix> <its render ms>'");
  console.log(`${"shape".padEnd(34)}${["1 KB", "10 KB", "20 KB"].map((s) => s.padStart(28)).join("")}`);
  let slowest = { ms: 0, where: "" };
  /** The reply-sized (10 KB) body, as posted, that renders slowest: what the load below posts. */
  let worstReply = { ms: 0, name: "", source: "" };
  for (const [name, make] of Object.entries(pathologicalShapes)) {
    const cells = [];
    for (const size of [1_000, 10_000, 20_000]) {
      const result = cell(make(size));
      cells.push(result.text);
      if (result.ms > slowest.ms) slowest = { ms: result.ms, where: `${name} at ${size / 1000} KB` };
    }
    const reply = longestAcceptedPrefix(make(10_000 - replySuffix(0).length), replySuffix(0));
    const replyMs = best(() => markdownToHtml(reply + replySuffix(0)));
    if (name !== baseline && replyMs > worstReply.ms) worstReply = { ms: replyMs, name, source: reply };
    console.log(`${name.padEnd(34)}${cells.map((c) => c.padStart(28)).join("")}`);
  }
  console.log(`slowest render: ${slowest.ms.toFixed(1)} ms (${slowest.where}); every one ≤ ${renderTargetMs} ms: ${slowest.ms <= renderTargetMs ? "target met" : "target NOT met"}`);
  console.log(`slowest accepted reply: "${worstReply.name}" (${(worstReply.source.length / 1000).toFixed(1)}K), ${worstReply.ms.toFixed(1)} ms`);
  const prose = pathologicalShapes[baseline]!(10_000 - replySuffix(0).length);
  await healthUnderWrites([{ name: "10 KB of ordinary prose", body: prose }, { name: `"${worstReply.name}"`, body: worstReply.source }], replySuffix);
}
