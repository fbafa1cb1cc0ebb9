import { parse as parseCookies } from "cookie";
import { decode } from "next-auth/jwt";
import type { Socket } from "socket.io";
import { findUserById } from "@/lib/auth/accounts";
import type { Actor } from "@/lib/auth/actor";
import { actorForToken } from "@/lib/auth/tokens";
import { toActor } from "@/lib/auth/user-view";

// Auth.js names its cookie by whether the site is served over https; the cookie name is also the JWT's salt.
const sessionCookies = ["__Secure-authjs.session-token", "authjs.session-token"];

async function actorFromCookie(cookieHeader: string | undefined): Promise<Actor | null> {
  if (!cookieHeader || !process.env.AUTH_SECRET) return null;
  const cookies = parseCookies(cookieHeader);
  for (const name of sessionCookies) {
    const value = cookies[name];
    if (!value) continue;
    const payload = await decode({ token: value, secret: process.env.AUTH_SECRET, salt: name }).catch(() => null);
    const user = payload?.sub ? await findUserById(payload.sub) : null;
    if (user) return toActor(user);
  }
  return null;
}

export class SocketAuthError extends Error {
  data = { code: "unauthenticated" };
}

/**
 * Identifies who is on a socket at the handshake: `auth: {token}` for API clients, the session cookie for
 * browsers, otherwise an anonymous reader. A token that does not work refuses the connection.
 */
export async function authenticateSocket(socket: Socket): Promise<Actor | null> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (token !== undefined) {
    const holder = typeof token === "string" ? await actorForToken(token) : null;
    if (!holder) throw new SocketAuthError("The API token is missing, malformed or revoked.");
    return holder.actor;
  }
  return actorFromCookie(socket.handshake.headers.cookie);
}
