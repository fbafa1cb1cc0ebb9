import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

export type LoadShedderOptions = { maxInFlight: number; maxLagMs: number; sampleMs?: number };

/** Paths never shed: the balancer's and the scraper's checks must keep answering while the node is busy. */
const unshed = new Set(["/api/health", "/api/ready", "/metrics"]);

const overloaded = JSON.stringify({ error: { code: "overloaded", message: "The server is busy; retry in a second.", details: [] } });

/**
 * Refuses work the node cannot take instead of queueing it without bound: a request is answered 503 with
 * `Retry-After: 1` while `maxInFlight` requests are already in progress, or while the event loop lags (its p99
 * delay over the last sample) more than `maxLagMs`. What is accepted is served at full speed; memory stays bounded
 * by the cap, not by the offered load.
 */
export function createLoadShedder({ maxInFlight, maxLagMs, sampleMs = 500 }: LoadShedderOptions) {
  let inFlight = 0;
  let lastRequestAt = -Infinity;
  let lagging = false;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const sampler = setInterval(() => {
    lagging = maxLagMs > 0 && delay.percentile(99) / 1e6 > maxLagMs;
    delay.reset();
  }, sampleMs);
  sampler.unref();
  return {
    /** Serves `req` (true, and counts it until its response ends) or answers it 503 (false). */
    admit(req: IncomingMessage, res: ServerResponse): boolean {
      if (unshed.has((req.url ?? "").split("?")[0]!)) return true;
      lastRequestAt = performance.now();
      if (inFlight >= maxInFlight || lagging) {
        res.writeHead(503, { "retry-after": "1", "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(overloaded);
        return false;
      }
      inFlight++;
      res.once("close", () => inFlight--);
      return true;
    },
    inFlight: () => inFlight,
    /** Milliseconds since the last request but a check or a scrape arrived (shed or not): is a balancer still sending any? */
    sinceLastRequest: () => performance.now() - lastRequestAt,
    close(): void {
      clearInterval(sampler);
      delay.disable();
    },
  };
}
