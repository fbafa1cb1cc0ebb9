import { DrizzleQueryError } from "drizzle-orm";
import pino from "pino";
import { Env } from "./env";

// Read LOG_LEVEL on its own so that importing the logger never throws; env() reports a bad value at start.
const level = Env.shape.LOG_LEVEL.catch("info").parse(process.env.LOG_LEVEL || undefined);

const REDACTED = "[redacted]";

/**
 * pino's error serializer, except that a failed query's bound values (token hashes, password hashes, emails,
 * user text) never reach the log: the `params` line and property are dropped, and any value the database echoed
 * in its own message (e.g. `invalid input syntax …: "value"`) is replaced. The query text itself is kept.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (!(error instanceof DrizzleQueryError) || typeof serialized !== "object" || serialized === null) return serialized;
  const out = serialized as Record<string, unknown>;
  const safeMessage = `Failed query: ${error.query}\nparams: ${REDACTED}`;
  const values = error.params.map((value) => String(value)).filter((value) => value.length >= 3);
  const scrub = (text: unknown) =>
    typeof text === "string" ? values.reduce((t, value) => t.replaceAll(value, REDACTED), text.replace(error.message, safeMessage)) : text;
  out.message = scrub(out.message);
  out.stack = scrub(out.stack);
  delete out.params;
  return out;
}

/** Structured JSON logs on stdout. */
export const logger = pino({ level, base: { app: "mizan" }, serializers: { err: serializeError } });
