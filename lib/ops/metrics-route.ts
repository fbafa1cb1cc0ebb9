import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { renderMetrics } from "./metrics";

function sameToken(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics in Prometheus text for a scraper holding the bearer token; 401 for anyone else. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
  if (req.method !== "GET" || !sameToken(given, token)) {
    res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" }).end("metrics need the bearer token\n");
    return;
  }
  const { contentType, text } = await renderMetrics();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(text);
}
