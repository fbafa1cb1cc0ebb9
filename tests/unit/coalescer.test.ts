import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "@/lib/live/coalescer";
import { logger } from "@/lib/logger";

type Flushed = [key: string, items: number[]];
const recorder = (flushed: Flushed[]) => async (key: string, items: Set<number>) => void flushed.push([key, [...items].sort()]);

describe("createCoalescer", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2026-03-01T12:00:00Z") }));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("flushes the first mark after a quiet spell at once, and gathers later marks until the interval has passed", async () => {
    const flushed: Flushed[] = [];
    const { mark } = createCoalescer<string, number>("test", 250, recorder(flushed));

    mark("post-1", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toEqual([["post-1", [1]]]);

    mark("post-1", 2);
    mark("post-1", 2);
    mark("post-2", 3);
    await vi.advanceTimersByTimeAsync(249);
    expect(flushed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushed).toEqual([
      ["post-1", [1]],
      ["post-1", [2]],
      ["post-2", [3]],
    ]);
  });

  it("counts a flush by call as the last flush, and flushes nothing when nothing was marked", async () => {
    const flushed: Flushed[] = [];
    const { mark, flush } = createCoalescer<string, number>("test", 250, recorder(flushed));

    await flush();
    expect(flushed).toEqual([]);

    mark("post-1", 1);
    await flush();
    expect(flushed).toHaveLength(1);
    // The timer armed by the mark was cleared: the interval restarts from the call.
    mark("post-1", 2);
    await vi.advanceTimersByTimeAsync(200);
    expect(flushed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(flushed).toEqual([
      ["post-1", [1]],
      ["post-1", [2]],
    ]);
  });

  it("runs flushes one after another, never overlapping, even when one is slow", async () => {
    let running = 0;
    let overlapped = false;
    const seen: number[][] = [];
    const { mark, flush } = createCoalescer<string, number>("test", 10, async (_key, items) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.push([...items]);
      running -= 1;
    });

    mark("k", 1);
    const first = flush();
    mark("k", 2);
    const second = flush();
    await vi.advanceTimersByTimeAsync(250);
    await Promise.all([first, second]);
    expect(overlapped).toBe(false);
    expect(seen).toEqual([[1], [2]]);
  });

  it("logs a flush that throws, keeps its key with the marks made since, and tries again after a growing pause", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const flushed: Flushed[] = [];
    let databaseDown = true;
    const { mark, flush } = createCoalescer<string, number>("test", 250, async (key, items) => {
      if (databaseDown && key === "post-1") throw new Error("connection refused");
      flushed.push([key, [...items].sort()]);
    });

    mark("post-1", 1);
    mark("post-2", 2);
    // A flush that fails does not reject: shutdown awaits it, and a timer's flush has nobody to catch it.
    await expect(flush()).resolves.toBeUndefined();
    expect(flushed).toEqual([["post-2", [2]]]);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toMatchObject({ key: "post-1", err: expect.objectContaining({ message: "connection refused" }) });

    // Kept: tried again twice the interval later, with what was marked meanwhile; still down, so the pause doubles.
    mark("post-1", 3);
    await vi.advanceTimersByTimeAsync(499);
    expect(logged).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(logged).toHaveBeenCalledTimes(2);

    databaseDown = false;
    await vi.advanceTimersByTimeAsync(999);
    expect(flushed).toEqual([["post-2", [2]]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushed).toEqual([
      ["post-2", [2]],
      ["post-1", [1, 3]],
    ]);

    // Back to normal: the next mark is flushed at the usual interval, and nothing is left over.
    mark("post-2", 4);
    await vi.advanceTimersByTimeAsync(250);
    expect(flushed.at(-1)).toEqual(["post-2", [4]]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(flushed).toHaveLength(3);
  });
});
