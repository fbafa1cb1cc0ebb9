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

/** A server whose every request takes `workMs`, behind a shedder; records the most requests it ever had in progress. */
async function slowServer(options: Parameters<typeof createLoadShedder>[0], workMs: number) {
  shedder = createLoadShedder(options);
  const peak = { inFlight: 0 };
  server = createServer((req, res) => {
    if (!shedder!.admit(req, res)) return;
    peak.inFlight = Math.max(peak.inFlight, shedder!.inFlight());
    setTimeout(() => res.end("done"), workMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak };
}

describe("load shedding", () => {
  it("serves up to the cap at once and answers the rest 503 with Retry-After at once, instead of queueing them", async () => {
    const { url, peak } = await slowServer({ maxInFlight: 8, maxLagMs: 0 }, 300);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const response = await fetch(url + "/p/x");
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text(), ms: performance.now() - started };
      }),
    );
    const served = answers.filter((a) => a.status === 200);
    const shed = answers.filter((a) => a.status === 503);
    expect(served.length).toBeGreaterThanOrEqual(8);
    expect(served.length + shed.length).toBe(200);
    expect(shed.length).toBeGreaterThan(150);
    expect(peak.inFlight).toBe(8);
    for (const answer of shed) {
      expect(answer.retryAfter).toBe("1");
      expect(JSON.parse(answer.body).error.code).toBe("overloaded");
    }
    // Nothing waited in a queue: queued behind the cap, the last of 200 would be answered after 25 × 300 ms.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5000);
    // Capacity frees as requests finish: a later request is served again.
    expect((await fetch(url + "/p/x")).status).toBe(200);
  });

  it("answers 503 while the event loop lags, keeps health and readiness answering, and serves again once it recovers", async () => {
    const { url } = await slowServer({ maxInFlight: 1000, maxLagMs: 250, sampleMs: 300 }, 1);
    await expect.poll(async () => (await fetch(url + "/p/x")).status).toBe(200);
    // Block the loop for 800 ms (a long synchronous render, say); the overdue sample right after sees it.
    const until = performance.now() + 800;
    while (performance.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [page, health, ready] = await Promise.all([fetch(url + "/p/x"), fetch(url + "/api/health"), fetch(url + "/api/ready")]);
    expect([page.status, page.headers.get("retry-after")]).toEqual([503, "1"]);
    expect([health.status, ready.status]).toEqual([200, 200]);
    await expect.poll(async () => (await fetch(url + "/p/x")).status, { timeout: 3000 }).toBe(200);
  });
});
