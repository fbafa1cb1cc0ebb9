/** Typed errors thrown by verbs; each door maps them to its own answer in one place. */
export type ErrorCode =
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "suspended"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "locked"
  | "rate_limited";

export type ErrorDetail = { path: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super("validation_failed", message, details);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = "Sign in first.") {
    super("unauthenticated", message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "You may not do that.") {
    super("forbidden", message);
  }
}
/** A suspended member's write: 403 naming when the suspension ends. */
export class Suspended extends DomainError {
  constructor(readonly until: Date) {
    super("suspended", `Your account is suspended until ${until.toISOString()}.`);
  }
}
export class NotFound extends DomainError {
  constructor(what = "The resource") {
    super("not_found", `${what} was not found.`);
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super("conflict", message);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super("payload_too_large", `The request body is larger than ${limitBytes} bytes.`);
  }
}
export class Locked extends DomainError {
  constructor(message = "This post is locked.") {
    super("locked", message);
  }
}
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
  ) {
    super("rate_limited", message);
  }
}

/**
 * A verb's refusal as the state a server action gives back to its form: the error code and the fields to mark.
 * Anything that is not a verb's refusal (a bug, or Next.js's redirect) is thrown on.
 */
export function formStateOf(error: unknown): { error: ErrorCode; fields: string[] } {
  if (!(error instanceof DomainError)) throw error;
  return { error: error.code, fields: error.details.map((d) => d.path) };
}
