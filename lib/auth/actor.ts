import type { Role } from "@/db/schema";

/** Who is acting: a signed-in member, or null for an anonymous reader. */
export type Actor = {
  id: string;
  handle: string;
  name: string;
  role: Role;
  suspendedUntil: Date | null;
};

export type Context = { actor: Actor | null };

export const anonymous: Context = { actor: null };

export function isSuspended(actor: Actor, now = new Date()): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

export function isModerator(actor: Actor | null): boolean {
  return actor?.role === "moderator" || actor?.role === "admin";
}
