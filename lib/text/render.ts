import { existsSync } from "node:fs";
import path from "node:path";
import { Piscina } from "piscina";
import { ValidationFailed } from "@/lib/errors";
import { escapeHtml } from "./markdown";
import { markdownComplexityProblem } from "./markdown-limits";

/**
 * Markdown is rendered on a pool of worker threads, never on the event loop: the bounds scan
 * (lib/text/markdown-limits.ts) keeps every accepted body small to render, and this deadline is the second wall
 * in case a shape slips past it. A render still running at the deadline has its thread terminated (the pool starts
 * another) and the write is refused as too complex, before anything is stored.
 */
export const renderDeadlineMs = 2_000;

/** Built beside the server bundle by scripts/build-if-stale.mjs (`npm start`); the source entry otherwise. */
const builtWorker = path.join(process.cwd(), ".next", "mizan-render-worker.mjs");
const sourceWorker = path.join(process.cwd(), "lib", "text", "render-worker-source.mjs");

let pool: { threads: Piscina; ready: Promise<unknown> } | undefined;

function renderPool(): NonNullable<typeof pool> {
  if (!pool) {
    const filename = process.env.NODE_ENV === "production" && existsSync(builtWorker) ? builtWorker : sourceWorker;
    // Two threads on top of the event loop: rendering is short, and a thread costs memory (its own heap).
    const threads = new Piscina({ filename, minThreads: 1, maxThreads: 2, idleTimeout: 60_000 });
    // A first task waits for the thread to load the pipeline, so that loading never counts against a deadline.
    const ready = threads.run("");
    ready.catch(() => (pool = undefined));
    pool = { threads, ready };
  }
  return pool;
}

/** Starts the render thread ahead of the first write (the server calls it at startup). */
export async function warmRenderPool(): Promise<void> {
  await renderPool().ready;
}

const tooComplex = (field: string) =>
  new ValidationFailed("This text is too complex to render: simplify its formatting.", [
    { path: field, message: `took longer than ${renderDeadlineMs / 1000} s to render` },
  ]);

/**
 * User Markdown to safe HTML (lib/text/markdown.ts), on the render pool. The one way content is rendered: every
 * verb that stores text renders it here once, when it is written. A render past the deadline (or one that
 * overflows the thread's stack) is a ValidationFailed on `field`.
 */
export async function renderMarkdown(source: string, field = "body"): Promise<string> {
  const { threads, ready } = renderPool();
  await ready;
  try {
    return (await threads.run(source, { signal: AbortSignal.timeout(renderDeadlineMs) })) as string;
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && error.name === "AbortError")) throw tooComplex(field);
    throw error;
  }
}

/**
 * For text stored before bodies were bounded: rendered when within today's bounds and the deadline, otherwise
 * shown as escaped plain text, so an old crafted body can neither stall nor break the page.
 */
export async function renderStoredMarkdown(source: string): Promise<string> {
  const plain = `<p>${escapeHtml(source)}</p>`;
  if (markdownComplexityProblem(source) !== null) return plain;
  return renderMarkdown(source).catch((error: unknown) => {
    if (error instanceof ValidationFailed) return plain;
    throw error;
  });
}
