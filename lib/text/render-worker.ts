import { markdownToHtml } from "./markdown";

/** What each thread of the render pool (lib/text/render.ts) runs: one Markdown source in, its HTML out. */
export default function render(source: string): string {
  return markdownToHtml(source);
}
