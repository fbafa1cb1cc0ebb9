import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "./env";
import { processSlot } from "./process-slot";
import { RateLimited } from "./errors";

type Rule = { points: number; duration: number };

/** Every limit in one table: how many attempts per key per window (seconds). */
const rules = {
  signInByIp: { points: 100, duration: 600 },
  /** Failures for one email from one client address: delayed progressively, then refused for that pair only. */
  failedSignInByEmailAndIp: { points: 10, duration: 600 },
  /** Failures for one email from anywhere: past this ceiling every attempt is slowed, never refused (no lock-out). */
  failedSignInByEmail: { points: 50, duration: 600 },
  signUpByIp: { points: 20, duration: 3600 },
  /** Verification links mailed again on request (the first goes with the sign-up). */
  verificationMailByMember: { points: 5, duration: 3600 },
  newAccountScenarios: { points: 3, duration: 3600 },
  newAccountReplies: { points: 10, duration: 600 },
  follows: { points: 120, duration: 600 },
  notificationReads: { points: 600, duration: 600 },
  postCreate: { points: 30, duration: 3600 },
  newAccountFlags: { points: 3, duration: 86_400 },
  // The composer previews at most every 350 ms while typing; this is a burst of that, not a steady stream.
  previewByMember: { points: 60, duration: 60 },
  /** Edits of scenarios and replies: each keeps a whole revision, so edits are writes like any other. */
  editsByMember: { points: 30, duration: 600 },
} satisfies Record<string, Rule>;
export type RateLimitName = keyof typeof rules;

const limiters = processSlot<Map<RateLimitName, RateLimiterAbstract>>("rateLimiters");

let redis: Redis | undefined;
function limiter(name: RateLimitName): RateLimiterAbstract {
  const byName = limiters.getOrCreate(() => new Map());
  let found = byName.get(name);
  if (!found) {
    const { REDIS_URL } = env();
    const options = { keyPrefix: `mizan:rl:${name}`, ...rules[name] };
    if (REDIS_URL) {
      redis ??= new Redis(REDIS_URL, { enableOfflineQueue: false, lazyConnect: false });
      found = new RateLimiterRedis({ storeClient: redis, ...options, insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      found = new RateLimiterMemory(options);
    }
    byName.set(name, found);
  }
  return found;
}

const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Counts one attempt against a limit; throws RateLimited with the wait when the key is over it. */
export async function consumeRateLimit(name: RateLimitName, key: string): Promise<void> {
  if (env().MIZAN_RATE_LIMITS === "off") return;
  try {
    await limiter(name).consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new RateLimited(secondsUntil(rejection));
    throw rejection;
  }
}

/** Gives back one attempt counted by consumeRateLimit, for an action that did not happen after all. */
export async function refundRateLimit(name: RateLimitName, key: string): Promise<void> {
  if (env().MIZAN_RATE_LIMITS === "off") return;
  await limiter(name).reward(key, 1);
}

/** Throws RateLimited when a key has already used up its limit, without counting this attempt. */
export async function assertWithinRateLimit(name: RateLimitName, key: string): Promise<void> {
  if (env().MIZAN_RATE_LIMITS === "off") return;
  const state = await limiter(name).get(key);
  if (state && state.consumedPoints >= rules[name].points) throw new RateLimited(secondsUntil(state));
}

/** Counts one attempt without ever refusing it: for limits that slow rather than refuse. */
export async function countAttempt(name: RateLimitName, key: string): Promise<void> {
  if (env().MIZAN_RATE_LIMITS === "off") return;
  await limiter(name).penalty(key, 1);
}

/** How many attempts a key has used in its current window and how many the rule allows. */
export async function attemptsSoFar(name: RateLimitName, key: string): Promise<{ used: number; allowed: number }> {
  const allowed = rules[name].points;
  if (env().MIZAN_RATE_LIMITS === "off") return { used: 0, allowed };
  const state = await limiter(name).get(key);
  return { used: state?.consumedPoints ?? 0, allowed };
}
