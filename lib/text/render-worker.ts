import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { markdownToHtml } from "./markdown";

/** Nice value of a render thread: CPU goes to the event loop first, the threads get what it leaves (about a tenth under contention). */
const renderThreadNice = 10;

/**
 * Lowers this thread's scheduling priority, so that on a machine with fewer cores than busy threads (two cores,
 * two render threads, the event loop and the database) the event loop does not wait in the run queue behind
 * renders, which are short and have a deadline of seconds. Linux only: there each thread has its own id and nice
 * value (/proc/thread-self names it); elsewhere the threads keep the process's priority.
 */
function yieldToEventLoop(): void {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").at(-1)), renderThreadNice);
  } catch {
    // not Linux: nothing to lower
  }
}

yieldToEventLoop();

/** What each thread of the render pool (lib/text/render.ts) runs: one Markdown source in, its HTML out. */
export default function render(source: string): string {
  return markdownToHtml(source);
}
