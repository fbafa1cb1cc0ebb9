import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { PayloadTooLarge, ValidationFailed, type ErrorCode } from "@/lib/errors";
import { bodyLimitBytes } from "@/lib/http/body-limit";

/** What an API handler sees of a request. */
export type ApiRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  params: Record<string, string>;
  headers: IncomingMessage["headers"];
  ip: string;
  /** The body as a JSON object of at most 64 KiB; anything else is a 4xx. */
  json(): Promise<Record<string, unknown>>;
};

/** `body` is sent as JSON; `text` (an export such as CSV) as it is, with the content-type in `headers`. */
export type ApiResult = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

/** The HTTP status of each error code, for the router's answers and the OpenAPI document. */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  suspended: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
};

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
export const noContent = (): ApiResult => ({ status: 204 });
export const csv = (text: string, filename: string): ApiResult => ({
  status: 200,
  text,
  headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
});

/**
 * A public document (a feed) that caches may keep: a strong ETag of its bytes and its Last-Modified, and 304 Not
 * Modified when the request's If-None-Match names that ETag or, without If-None-Match, its If-Modified-Since is
 * no older than the document (RFC 9110 §13.2.2).
 */
export function cacheable(request: Pick<ApiRequest, "headers">, text: string, contentType: string, lastModified: Date): ApiResult {
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 32)}"`;
  const headers = { etag, "last-modified": lastModified.toUTCString(), "cache-control": "public, max-age=60", vary: "accept-encoding" };
  const ifNoneMatch = request.headers["if-none-match"];
  const ifModifiedSince = Date.parse(request.headers["if-modified-since"] ?? "");
  const notModified =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(",").some((tag) => [etag, `W/${etag}`, "*"].includes(tag.trim()))
      : Number.isFinite(ifModifiedSince) && Math.floor(lastModified.getTime() / 1000) * 1000 <= ifModifiedSince;
  return notModified ? { status: 304, headers } : { status: 200, text, headers: { ...headers, "content-type": contentType } };
}

/** Reads a JSON object body of at most 64 KiB from the socket, stopping as soon as the limit is passed. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (Number(req.headers["content-length"] ?? "0") > bodyLimitBytes) throw new PayloadTooLarge(bodyLimitBytes);
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    throw new ValidationFailed("The body must be JSON.", [{ path: "content-type", message: "must be application/json" }]);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > bodyLimitBytes) throw new PayloadTooLarge(bodyLimitBytes);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ValidationFailed("The body is not valid UTF-8 JSON.", [{ path: "(body)", message: "malformed JSON" }]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ValidationFailed("The body must be a JSON object.", [{ path: "(body)", message: "expected an object" }]);
  }
  return parsed as Record<string, unknown>;
}
