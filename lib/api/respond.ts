import { DomainError, RateLimited, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logger";

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
};

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

/** The API's one error shape: `{error: {code, message, details}}` with the fitting status. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const headers = new Headers();
    if (error instanceof RateLimited) headers.set("retry-after", String(error.retryAfterSeconds));
    return json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: statusOf[error.code], headers },
    );
  }
  logger.error({ err: error }, "unhandled error in an API route");
  return json({ error: { code: "internal", message: "Something went wrong on our side.", details: [] } }, { status: 500 });
}

type Handler<P> = (request: Request, params: P) => Promise<Response>;

/** Wraps a route handler so every thrown error leaves as the contract's JSON error. */
export function apiRoute<P = Record<string, never>>(
  handler: Handler<P>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
