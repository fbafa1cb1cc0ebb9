import { parse as parseCookies } from "cookie";
import { decode } from "next-auth/jwt";
import type { Actor } from "./actor";
import { findSessionUser } from "./member-sessions";
import { toActor } from "./user-view";

// Auth.js names its cookie by whether the site is served over https; the cookie name is also the JWT's salt.
export const sessionCookies = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The member behind an Auth.js session cookie, read without Next.js (pages, the API router and sockets alike):
 * the JWT is decrypted with AUTH_SECRET, its session must still be live in the database (signing out ends it),
 * and the user is loaded afresh with it, so role and suspension are current.
 */
export async function actorFromSessionCookie(cookieHeader: string | null | undefined): Promise<Actor | null> {
  if (!cookieHeader || !process.env.AUTH_SECRET) return null;
  const cookies = parseCookies(cookieHeader);
  for (const name of sessionCookies) {
    const value = cookies[name];
    if (!value) continue;
    const payload = await decode({ token: value, secret: process.env.AUTH_SECRET, salt: name }).catch(() => null);
    const sessionId = typeof payload?.sid === "string" ? payload.sid : null;
    const user = payload?.sub && sessionId ? await findSessionUser(payload.sub, sessionId) : null;
    if (user) return toActor(user);
  }
  return null;
}
