import { existsSync } from "node:fs";
import path from "node:path";
import { Piscina } from "piscina";
import { ValidationFailed } from "@/lib/errors";
import { escapeHtml } from "./markdown";
import { markdownComplexityProblem } from "./markdown-limits";

/**
 * Markdown is rendered on a pool of worker threads, never on the event loop: the bounds scan
 * (lib/text/markdown-limits.ts) keeps every accepted body small to render, and this deadline is the second wall
 * in case a shape slips past it. It runs from the moment a thread takes the body (waiting for a free thread does
 * not count); a render still running then has its thread terminated (the pool starts another) and the write is
 * refused as too complex, before anything is stored.
 */
export const renderDeadlineMs = 2_000;

/** Two threads beside the event loop: rendering is short, and a thread costs memory (its own heap). */
const threadCount = 2;

/** Built beside the server bundle by scripts/build-if-stale.mjs (`npm start`); the source entry otherwise. */
const builtWorker = path.join(process.cwd(), ".next", "mizan-render-worker.mjs");
const sourceWorker = path.join(process.cwd(), "lib", "text", "render-worker-source.mjs");

/** Touches every part of the pipeline once, so a thread's loading and first compilation never meet a deadline. */
const warmUp = "# a\n\n- *b* [c](https://x.test) @sara\n\n> d\n\n|e|f|\n|-|-|\n|1|2|\n\n```\ng\n```\n\nh[^1]\n\n[^1]: i";

/** `free` counts threads that have loaded the pipeline and are not rendering; bodies wait in `waiting` for one. */
type Pool = { threads: Piscina; ready: Promise<unknown>; free: number; waiting: (() => void)[] };
let pool: Pool | undefined;

function renderPool(): Pool {
  if (!pool) {
    const filename = process.env.NODE_ENV === "production" && existsSync(builtWorker) ? builtWorker : sourceWorker;
    const threads = new Piscina({ filename, minThreads: threadCount, maxThreads: threadCount, idleTimeout: Infinity });
    const created: Pool = { threads, ready: Promise.resolve(), free: 0, waiting: [] };
    // A thread joins when it has loaded the pipeline (a replacement for one ended at a deadline, too) and leaves
    // when it ends, so a body never waits for a thread to start while its deadline runs.
    threads.on("workerCreate", () => release(created));
    threads.on("workerDestroy", () => (created.free -= 1));
    // One warm-up per thread: each is busy until it has loaded the pipeline, so the next goes to the other.
    created.ready = Promise.all(Array.from({ length: threadCount }, () => threads.run(warmUp)));
    created.ready.catch(() => (pool = undefined));
    pool = created;
  }
  return pool;
}

/** Starts the render threads ahead of the first write (the server calls it at startup). */
export async function warmRenderPool(): Promise<void> {
  await renderPool().ready;
}

function release(current: Pool): void {
  current.free += 1;
  current.waiting.shift()?.();
}

/** Runs `render` once a thread is free, so that the deadline it starts counts rendering only. */
async function onFreeThread<T>(current: Pool, render: () => Promise<T>): Promise<T> {
  while (current.free <= 0) await new Promise<void>((resolve) => current.waiting.push(resolve));
  current.free -= 1;
  try {
    return await render();
  } finally {
    // A render stopped at its deadline also ends its thread, which workerDestroy counts; its replacement counts
    // itself in when ready.
    release(current);
  }
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
  const current = renderPool();
  await current.ready;
  try {
    return await onFreeThread(current, async () => (await current.threads.run(source, { signal: AbortSignal.timeout(renderDeadlineMs) })) as string);
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
