import { isNewAccount, type Actor } from "@/lib/auth/actor";
import { consumeRateLimit, type RateLimitName } from "@/lib/rate-limit";

/** Accounts younger than a day may only post at a trickle (spam's favourite accounts are new ones). */
export async function limitNewAccount(actor: Actor, limit: RateLimitName): Promise<void> {
  if (isNewAccount(actor)) await consumeRateLimit(limit, actor.id);
}
