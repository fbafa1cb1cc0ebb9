import { describe, expect, it } from "vitest";
import { createReachability } from "@/lib/ops/reachability";

/** A ping the test answers when it likes. */
function controlledPing() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    ping: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    asked: () => pending.length,
    answer: () => pending.shift()!.resolve(),
    fail: () => pending.shift()!.reject(new Error("connection refused")),
  };
}

const options = { freshMs: 50, patienceMs: 30, hungMs: 200 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createReachability", () => {
  it("answers from a ping that finishes in time, and asks again only once the verdict is stale", async () => {
    const service = controlledPing();
    const reachable = createReachability({ ping: service.ping, ...options });
    const first = reachable();
    service.answer();
    expect(await first).toBe(true);
    expect(await reachable()).toBe(true);
    expect(service.asked()).toBe(0);
    await sleep(options.freshMs + 10);
    const again = reachable();
    expect(service.asked()).toBe(1);
    service.fail();
    expect(await again).toBe(false);
  });

  it("says reachable while a ping is only slow (the node busy), without starting a second one, and unreachable once it hangs", async () => {
    const service = controlledPing();
    const failures: unknown[] = [];
    const reachable = createReachability({ ping: service.ping, ...options, onFailure: (error) => failures.push(error) });
    const answered = reachable();
    service.answer();
    await answered;
    await sleep(options.freshMs + 10);
    expect(await reachable()).toBe(true); // waited patienceMs for a ping still under way
    expect(await reachable()).toBe(true);
    expect(service.asked()).toBe(1);
    await sleep(options.hungMs);
    expect(await reachable()).toBe(false);
    service.fail();
    await sleep(options.freshMs + 10);
    expect(failures).toHaveLength(1);
    const next = reachable();
    service.answer();
    expect(await next).toBe(true);
  });

  it("says unreachable at once when the last ping failed and the next one is slow", async () => {
    const service = controlledPing();
    const reachable = createReachability({ ping: service.ping, ...options });
    const first = reachable();
    service.fail();
    expect(await first).toBe(false);
    await sleep(options.freshMs + 10);
    expect(await reachable()).toBe(false);
  });
});
