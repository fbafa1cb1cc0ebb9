import { isNewAccount, type Actor } from "@/lib/auth/actor";
import { consumeRateLimit, refundRateLimit, type RateLimitName } from "@/lib/rate-limit";

/**
 * Accounts younger than a day may only post at a trickle (spam's favourite accounts are new ones). The point is
 * spent before `create` opens its transaction, so no lock is held across the limiter (a Redis round trip when
 * configured), and given back when `create` fails: a rolled-back duplicate or a refused write costs nothing.
 */
export async function withinNewAccountLimit<T>(actor: Actor, limit: RateLimitName, create: () => Promise<T>): Promise<T> {
  if (!isNewAccount(actor)) return create();
  await consumeRateLimit(limit, actor.id);
  try {
    return await create();
  } catch (error) {
    await refundRateLimit(limit, actor.id);
    throw error;
  }
}
