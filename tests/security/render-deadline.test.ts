import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { scenarios } from "@/db/schema";
import { ValidationFailed } from "@/lib/errors";
import { createScenario } from "@/lib/forum/scenarios";
import { renderDeadlineMs, renderMarkdown } from "@/lib/text/render";
import { createActor } from "../support/actors";
import { addPost, countRows } from "../support/forum";

// Issue 16 finding 1: rendering ran on the event loop, so while one crafted body rendered every other request
// waited. The bounds scan refuses the known slow shapes; the deadline is the wall behind it, for a shape that
// slips past. To play that shape here, the scan is switched off in this file (the render threads load their own
// copy of the pipeline and are not affected).
vi.mock("@/lib/text/markdown-limits", async (original) => ({
  ...(await original<typeof import("@/lib/text/markdown-limits")>()),
  markdownComplexityProblem: () => null,
}));

/** Alternating emphasis delimiters: about six seconds of parsing at 20,000 characters, on this machine's cores. */
const slowBody = "*_".repeat(10_000);

/** Runs `work` while a 10 ms timer ticks on the event loop; → what it settled to and the timer's worst lateness. */
async function withTimerLag<T>(work: () => Promise<T>): Promise<{ settled: PromiseSettledResult<T>; lagMs: number; elapsedMs: number }> {
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 10);
    last = now;
  }, 10);
  const start = performance.now();
  const [settled] = await Promise.allSettled([work()]);
  clearInterval(timer);
  return { settled: settled!, lagMs, elapsedMs: performance.now() - start };
}

describe("render deadline (finding 1)", () => {
  it("refuses a render past the deadline as too complex, without blocking the event loop", async () => {
    await renderMarkdown("warm *up*");
    const { settled, lagMs, elapsedMs } = await withTimerLag(() => renderMarkdown(slowBody));
    expect(settled.status).toBe("rejected");
    const error = (settled as PromiseRejectedResult).reason as ValidationFailed;
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error.details).toEqual([{ path: "body", message: "took longer than 2 s to render" }]);
    expect(elapsedMs).toBeGreaterThanOrEqual(renderDeadlineMs - 50);
    expect(elapsedMs).toBeLessThan(renderDeadlineMs + 1_500);
    // On the event loop the body would have held the timer for the whole render (and past the deadline).
    expect(lagMs).toBeLessThan(renderDeadlineMs / 4);
    // The stuck thread was ended and replaced: the next render works.
    expect(await renderMarkdown("after **it**")).toBe("<p>after <strong>it</strong></p>");
  });

  it("answers a write whose render passes the deadline with validation_failed and stores nothing", async () => {
    const author = await createActor();
    const post = await addPost();
    const error = await createScenario(author, { postId: post.id, title: "Too complex", body: slowBody }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).code).toBe("validation_failed");
    expect((error as ValidationFailed).message).toMatch(/too complex/);
    expect(await countRows(scenarios, eq(scenarios.postId, post.id))).toBe(0);
  });

  it("renders ordinary bodies on the threads exactly as the pipeline does, many at once, while ended threads are replaced", async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => `**${i}** @sara [x](https://x.test/${i})`);
    const html = await Promise.all(bodies.map((body) => renderMarkdown(body)));
    html.forEach((h, i) => expect(h).toContain(`<strong>${i}</strong>`));
    expect(html[0]).toContain('href="/u/sara"');
  });
});
