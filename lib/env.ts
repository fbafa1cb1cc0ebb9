import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";

/**
 * The process environment, parsed once. A bad value stops the start with one line naming the variable.
 * Imported by server.ts, next.config.js and everything in lib/ that needs configuration.
 */
const Port = z.coerce.number().int().min(0).max(65535);
const Emails = z
  .string()
  .default("")
  .transform((raw) =>
    raw
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));
const PostgresUrl = z
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL");

function isTrustedProxyList(raw: string): boolean {
  try {
    parseTrustedProxies(raw);
    return true;
  } catch {
    return false;
  }
}

export const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: Port.default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: PostgresUrl.optional(),
  MIZAN_DATA_DIR: z.string().min(1).default("./data"),
  REDIS_URL: z
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), "must be a redis:// or rediss:// URL")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  MIZAN_ADMIN_EMAILS: Emails,
  PUBLIC_URL: z.url().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  /** smtp:// or smtps:// relay (user and password in the URL); unset: no mail is sent and features that need it say so. */
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Mizan <no-reply@localhost>"),
  /** CIDRs of the balancers in front of the app; behind them the client is the right-most untrusted X-Forwarded-For hop. */
  MIZAN_TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine(isTrustedProxyList, "must be comma-separated IP addresses or CIDRs"),
  MIZAN_RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  /** The community forecast stays hidden until this many members have forecast, so early views do not anchor. */
  MIZAN_FORECAST_MIN_FORECASTERS: z.coerce.number().int().min(1).max(1000).default(5),
  /** The longest a page rendered for an anonymous reader is shared with other anonymous readers (events end it sooner); 0 turns it off. */
  MIZAN_PAGE_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Requests served at once; more are answered 503 + Retry-After (see lib/http/load-shedder.ts). */
  MIZAN_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(512),
  /** Event-loop lag (p99 over half a second) beyond which new requests are answered 503 + Retry-After; 0 (the default) turns it off. */
  MIZAN_MAX_LAG_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * After SIGTERM the node goes on serving while /api/ready answers 503 until it has been sent no request (checks
   * aside) for this long, so every balancer has stopped sending it requests before its listener and idle
   * connections close (at most 10 s more); 0 closes at once.
   */
  MIZAN_DRAIN_MS: z.coerce.number().int().min(0).max(30_000).default(1000),
  /** Turns on GET /metrics, guarded by this bearer token. */
  MIZAN_METRICS_TOKEN: z.string().min(16).optional(),
  /** A flagged target is hidden, pending review, once its open flags weigh this much (see lib/moderation/flag-score.ts). */
  MIZAN_AUTOHIDE_WEIGHT: z.coerce.number().positive().max(1000).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type Env = z.infer<typeof Env>;

/** Empty strings count as unset, so `FOO= npm start` behaves like no FOO at all. */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string
  >;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = Env.safeParse(withoutEmpty(source));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new EnvError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
