import type { Socket } from "socket.io";
import type { Actor } from "@/lib/auth/actor";
import { actorFromSessionCookie } from "@/lib/auth/session-cookie";
import { actorForToken } from "@/lib/auth/tokens";

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
  return actorFromSessionCookie(socket.handshake.headers.cookie);
}
