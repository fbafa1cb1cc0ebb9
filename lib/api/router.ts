import type { IncomingMessage, ServerResponse } from "node:http";
import FindMyWay, { type HTTPMethod } from "find-my-way";
import type { z } from "zod";
import { DomainError, RateLimited, Suspended, type ErrorCode } from "@/lib/errors";
import { requestClientKey } from "@/lib/http/client-address";
import { logger } from "@/lib/logger";
import type { Context } from "@/lib/auth/actor";
import { labelRoute } from "@/lib/ops/metrics";
import { errorStatus, ok, readJsonBody, type ApiRequest, type ApiResult } from "./http";
import { openApiDocument } from "./openapi";
import { requestContext } from "./request-context";
import { accountRoutes } from "./routes/accounts";
import { draftRoutes } from "./routes/drafts";
import { eventRoutes } from "./routes/events";
import { feedRoutes } from "./routes/feeds";
import { flagRoutes } from "./routes/flags";
import { followRoutes } from "./routes/follows";
import { forecastRoutes } from "./routes/forecasts";
import { healthRoutes } from "./routes/health";
import { notificationRoutes } from "./routes/notifications";
import { unsubscribeRoutes } from "./routes/unsubscribe";
import { modLogRoutes } from "./routes/mod-log";
import { moderationRoutes } from "./routes/moderation";
import { modQueueRoutes } from "./routes/mod-queue";
import { modUserRoutes } from "./routes/mod-users";
import { postControlRoutes } from "./routes/post-controls";
import { postRoutes } from "./routes/posts";
import { replyRoutes } from "./routes/replies";
import { scenarioRoutes } from "./routes/scenarios";
import { searchRoutes } from "./routes/search";

/** How a route appears in openapi.json: `input` is the schema of the verb it calls (lib/api/openapi.ts). */
/** `produces`: the media type of a success that is not JSON (an export, a feed). */
export type RouteDoc = { operationId: string; summary: string; input?: z.ZodType; success?: 200 | 201 | 204; errors?: ErrorCode[]; produces?: string };

/** A door: the router builds the caller's context once (token, else session cookie with its Origin check). */
export type Route = { method: HTTPMethod; path: string; doc: RouteDoc; handler: (request: ApiRequest, ctx: Context) => Promise<ApiResult> };

const describedRoutes: Route[] = [
  ...healthRoutes,
  ...accountRoutes,
  ...postRoutes,
  ...scenarioRoutes,
  ...replyRoutes,
  ...draftRoutes,
  ...eventRoutes,
  ...forecastRoutes,
  ...flagRoutes,
  ...moderationRoutes,
  ...modQueueRoutes,
  ...modUserRoutes,
  ...followRoutes,
  ...notificationRoutes,
  ...unsubscribeRoutes,
  ...modLogRoutes,
  ...searchRoutes,
  ...feedRoutes,
  ...postControlRoutes,
];

let document: object | undefined;
const openApiRoute: Route = {
  method: "GET",
  path: "/api/v1/openapi.json",
  doc: { operationId: "getOpenApi", summary: "This document: every route, its input and its errors (OpenAPI 3.1)." },
  handler: async () => ok((document ??= openApiDocument(apiRoutes))),
};

/** Every route the API serves. */
export const apiRoutes: Route[] = [...describedRoutes, openApiRoute];

/** The API's one error shape: `{error: {code, message, details}}` with the fitting status. */
function errorResult(error: unknown, client: string): ApiResult {
  if (error instanceof DomainError) {
    return {
      status: errorStatus[error.code],
      body: { error: { code: error.code, message: error.message, details: error.details, ...(error instanceof Suspended ? { until: error.until.toISOString() } : {}) } },
      headers: error instanceof RateLimited ? { "retry-after": String(error.retryAfterSeconds) } : undefined,
    };
  }
  logger.error({ err: error, client }, "unhandled error in the API");
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side.", details: [] } } };
}

function send(res: ServerResponse, result: ApiResult): void {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    ...result.headers,
  };
  if (result.text !== undefined) {
    res.writeHead(result.status, headers).end(result.text);
    return;
  }
  if (result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers["content-type"] = "application/json; charset=utf-8";
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}

/**
 * `/api/v1`, `/api/health` and `/api/ready` are served by this small router in the same process, ahead of Next.js: a Next.js
 * route handler costs several times more CPU per request than the verbs behind it. The handlers are thin doors
 * over the same verbs the pages use.
 */
export function createApiRouter() {
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  const notFound = { error: { code: "not_found", message: "No such API route.", details: [] } };
  for (const route of apiRoutes) {
    router.on(route.method, route.path, (req, res, params, _store, query) => {
      const request: ApiRequest = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] ?? "" : v ?? ""])),
        params: params as Record<string, string>,
        headers: req.headers,
        ip: requestClientKey(req),
        json: () => readJsonBody(req),
      };
      requestContext(request).then((ctx) => route.handler(request, ctx)).then(
        (result) => send(res as ServerResponse, result),
        (error: unknown) => send(res as ServerResponse, errorResult(error, request.ip)),
      );
    }, { path: route.path });
  }

  /** Serves the request if it is an API route and returns true; returns false for Next.js to serve it. */
  return function handleApi(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "";
    if (!url.startsWith("/api/v1/") && !url.startsWith("/api/health") && !url.startsWith("/api/ready")) return false;
    const method = (req.method ?? "GET") as HTTPMethod;
    const match = router.find(method, url.split("?")[0]!);
    if (!match) {
      labelRoute(req, "unmatched");
      send(res, { status: 404, body: notFound });
      return true;
    }
    labelRoute(req, (match.store as { path: string }).path);
    router.lookup(req, res);
    return true;
  };
}
