import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLoadShedder } from "@/lib/http/load-shedder";

let server: Server | undefined;
let shedder: ReturnType<typeof createLoadShedder> | undefined;
afterEach(async () => {
  shedder?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A server behind a shedder whose admitted requests are answered only once `release` is called (or at once). */
async function heldServer(options: Parameters<typeof createLoadShedder>[0], hold: boolean) {
  shedder = createLoadShedder(options);
  const held: (() => void)[] = [];
  const state = { handled: 0, peak: 0 };
  server = createServer((req, res) => {
    if (!shedder!.admit(req, res)) return;
    state.handled++;
    state.peak = Math.max(state.peak, shedder!.inFlight());
    if (hold) held.push(() => res.end("done"));
    else res.end("done");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, state, release: () => held.splice(0).forEach((end) => end()) };
}

describe("load shedding", () => {
  it("serves up to the cap at once and answers the rest 503 with Retry-After at once, instead of queueing them", async () => {
    const { url, state, release } = await heldServer({ maxInFlight: 8, maxLagMs: 0 }, true);
    const shed: { retryAfter: string | null; code: string }[] = [];
    const served = Array.from({ length: 200 }, () =>
      fetch(url + "/p/x").then(async (response) => {
        if (response.status === 503) shed.push({ retryAfter: response.headers.get("retry-after"), code: JSON.parse(await response.text()).error.code });
        return response.status;
      }),
    );
    // Every request beyond the cap is answered while the first eight are still held: nothing waits in a queue.
    await expect.poll(() => shed.length, { timeout: 20_000 }).toBe(192);
    expect(state.peak).toBe(8);
    expect(state.handled).toBe(8);
    release();
    const statuses = await Promise.all(served);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(shed.every((s) => s.retryAfter === "1" && s.code === "overloaded")).toBe(true);
    // Capacity frees as requests finish: a later request is served again.
    const later = fetch(url + "/p/x");
    await expect.poll(() => state.handled).toBe(9);
    release();
    expect((await later).status).toBe(200);
  });

  it("answers 503 while the event loop lags, keeps health and readiness answering, and serves again once it recovers", async () => {
    const { url } = await heldServer({ maxInFlight: 1000, maxLagMs: 400, sampleMs: 1500 }, false);
    // Before the first sample nothing is shed.
    expect((await fetch(url + "/p/x")).status).toBe(200);
    // Block the loop for a second (a long synchronous render, say); the next sample sees it.
    const until = performance.now() + 1000;
    while (performance.now() < until);
    let retryAfter: string | null = null;
    const pageStatus = async () => {
      const response = await fetch(url + "/p/x");
      retryAfter = response.headers.get("retry-after");
      return response.status;
    };
    await expect.poll(pageStatus, { timeout: 5000, interval: 50 }).toBe(503);
    expect(retryAfter).toBe("1");
    const [health, ready] = await Promise.all([fetch(url + "/api/health"), fetch(url + "/api/ready")]);
    expect([health.status, ready.status]).toEqual([200, 200]);
    await expect.poll(async () => (await fetch(url + "/p/x")).status, { timeout: 5000, interval: 50 }).toBe(200);
  });

  it("tells how long since the node was last sent a request, checks and scrapes aside (how a drain knows the balancer has let it go)", async () => {
    const { url } = await heldServer({ maxInFlight: 8, maxLagMs: 0 }, false);
    expect(shedder!.sinceLastRequest()).toBe(Infinity);
    await fetch(url + "/p/x");
    const sincePage = shedder!.sinceLastRequest();
    expect(sincePage).toBeLessThan(Infinity);
    for (const probe of ["/api/ready", "/api/health", "/metrics"]) await fetch(url + probe);
    expect(shedder!.sinceLastRequest()).toBeGreaterThanOrEqual(sincePage);
  });
});
