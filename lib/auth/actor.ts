import type { Role } from "@/db/schema";

/** Who is acting: a signed-in member, or null for an anonymous reader. */
export type Actor = {
  id: string;
  handle: string;
  name: string;
  role: Role;
  suspendedUntil: Date | null;
  createdAt: Date;
};

/**
 * What a verb knows about its caller: the actor, the client's address (for rate limits) and, when the caller
 * authenticated with an API token, that token's id.
 */
export type Context = { actor: Actor | null; ip?: string; tokenId?: string };

export const anonymous: Context = { actor: null };

export function isSuspended(actor: Actor, now = new Date()): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

/** Accounts younger than a day get tighter limits on what they post. */
export function isNewAccount(actor: Actor, now = new Date()): boolean {
  return now.getTime() - actor.createdAt.getTime() < 24 * 60 * 60 * 1000;
}

export function isModerator(actor: Actor | null): boolean {
  return actor?.role === "moderator" || actor?.role === "admin";
}
