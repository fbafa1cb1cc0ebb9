import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "@/lib/live/coalescer";

type Batch = Map<string, Set<number>>;
const asObject = (batch: Batch) => Object.fromEntries([...batch].map(([key, items]) => [key, [...items].sort()]));

describe("createCoalescer", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2026-03-01T12:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("flushes the first mark after a quiet spell at once, and gathers later marks until the interval has passed", async () => {
    const batches: Record<string, number[]>[] = [];
    const { mark } = createCoalescer<string, number>(250, async (batch) => void batches.push(asObject(batch)));

    mark("post-1", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([{ "post-1": [1] }]);

    mark("post-1", 2);
    mark("post-1", 2);
    mark("post-2", 3);
    await vi.advanceTimersByTimeAsync(249);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([{ "post-1": [1] }, { "post-1": [2], "post-2": [3] }]);
  });

  it("counts a flush by call as the last flush, and flushes nothing when nothing was marked", async () => {
    const flushBatch = vi.fn(async (_batch: Batch) => {});
    const { mark, flush } = createCoalescer<string, number>(250, flushBatch);

    await flush();
    expect(flushBatch).not.toHaveBeenCalled();

    mark("post-1", 1);
    await flush();
    expect(flushBatch).toHaveBeenCalledTimes(1);
    // The timer armed by the mark was cleared: the interval restarts from the call.
    mark("post-1", 2);
    await vi.advanceTimersByTimeAsync(200);
    expect(flushBatch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(flushBatch).toHaveBeenCalledTimes(2);
    expect(asObject(flushBatch.mock.calls[1]![0])).toEqual({ "post-1": [2] });
  });

  it("runs flushes one after another, never overlapping, even when one is slow", async () => {
    let running = 0;
    let overlapped = false;
    const seen: number[][] = [];
    const { mark, flush } = createCoalescer<string, number>(10, async (batch) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.push([...batch.get("k")!]);
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
});
