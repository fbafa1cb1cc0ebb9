import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { drainUntilQuiet } from "@/lib/ops/drain";

beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance"] }));
afterEach(() => vi.useRealTimers());

/** Starts a drain; `ended()` tells whether it has resolved yet, `drainedMs` what it resolved with. */
function startDrain(sinceLastRequest: () => number, quietMs: number, longestMs: number) {
  const state = { ended: false, drainedMs: -1 };
  void drainUntilQuiet({ sinceLastRequest, quietMs, longestMs }).then((ms) => Object.assign(state, { ended: true, drainedMs: ms }));
  return state;
}

describe("draining after SIGTERM", () => {
  it("serves on while a balancer still sends requests, and ends once none has come for the quiet time", async () => {
    let lastRequestAt = performance.now();
    const requests = setInterval(() => (lastRequestAt = performance.now()), 10);
    const drain = startDrain(() => performance.now() - lastRequestAt, 100, 10_000);
    await vi.advanceTimersByTimeAsync(300);
    expect(drain.ended).toBe(false);
    clearInterval(requests); // the balancer has marked the node down
    await vi.advanceTimersByTimeAsync(90);
    expect(drain.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    expect(drain.ended).toBe(true);
    expect(drain.drainedMs).toBeGreaterThanOrEqual(400);
  });

  it("serves the quiet time after SIGTERM even when nothing had come for long before", async () => {
    const drain = startDrain(() => Infinity, 100, 10_000);
    await vi.advanceTimersByTimeAsync(90);
    expect(drain.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    expect(drain.ended).toBe(true);
  });

  it("ends at the longest drain when requests never stop (clients without a balancer)", async () => {
    const drain = startDrain(() => 0, 100, 1000);
    await vi.advanceTimersByTimeAsync(990);
    expect(drain.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    expect(drain.ended).toBe(true);
  });

  it("closes at once with no quiet time (MIZAN_DRAIN_MS=0)", async () => {
    const drain = startDrain(() => 0, 0, 10_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(drain.ended).toBe(true);
    expect(drain.drainedMs).toBe(0);
  });
});
