import { parse as parseCookies } from "cookie";
import { decode } from "next-auth/jwt";
import type { Actor } from "./actor";
import { findSessionUser, sessionHolderKey } from "./member-sessions";
import { cachedTokenHolder, rememberTokenHolder } from "./token-cache";
import { toActor } from "./user-view";

// Auth.js names its cookie by whether the site is served over https; the cookie name is also the JWT's salt.
export const sessionCookies = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The member behind an Auth.js session cookie, read without Next.js (pages, the API router and sockets alike):
 * the JWT is decrypted with AUTH_SECRET, its session must still be live in the database (signing out ends it),
 * and the user is loaded with it (remembered for seconds, forgotten whenever role, profile or suspension change).
 */
export async function actorFromSessionCookie(cookieHeader: string | null | undefined): Promise<Actor | null> {
  if (!cookieHeader || !process.env.AUTH_SECRET) return null;
  const cookies = parseCookies(cookieHeader);
  for (const name of sessionCookies) {
    const value = cookies[name];
    if (!value) continue;
    const payload = await decode({ token: value, secret: process.env.AUTH_SECRET, salt: name }).catch(() => null);
    const sessionId = typeof payload?.sid === "string" ? payload.sid : null;
    if (!payload?.sub || !sessionId) continue;
    const actor = await sessionHolder(payload.sub, sessionId);
    if (actor) return actor;
  }
  return null;
}

/**
 * The member of a live session, remembered for a few seconds like a token's holder (lib/auth/token-cache.ts): a
 * member's page and its layer each ask. Ending the session, or anything that changes what the member may do,
 * forgets it at once on every node (lib/auth/member-sessions.ts).
 */
async function sessionHolder(userId: string, sessionId: string): Promise<Actor | null> {
  const key = sessionHolderKey(sessionId);
  const cached = cachedTokenHolder(key);
  if (cached) return cached.actor.id === userId ? cached.actor : null;
  const user = await findSessionUser(userId, sessionId);
  if (!user) return null;
  const actor = toActor(user);
  rememberTokenHolder(key, { actor, tokenId: key });
  return actor;
}
