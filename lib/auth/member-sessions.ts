import { randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authSessions, users, type User } from "@/db/schema";
import { dropUserSockets } from "@/lib/live/user-sockets";
import type { Context } from "./actor";
import { assertCan } from "./permissions";
import { forgetTokenHolders } from "./token-cache";

/** As long as the session cookie lives (Auth.js maxAge). */
export const sessionLifetimeSeconds = 30 * 24 * 60 * 60;

/**
 * Browser sessions are Auth.js JWTs that also name a row of auth_sessions (the table Auth.js's database strategy
 * would use; with JWTs Auth.js itself never reads it). A cookie counts only while its row exists, so signing out
 * (which deletes the row) ends the session on the server: a copied cookie stops working at once.
 */
export async function startMemberSession(userId: string): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + sessionLifetimeSeconds * 1000);
  await (await getDb()).insert(authSessions).values({ sessionToken: sessionId, userId, expires });
  return sessionId;
}

/** Ends one session (signing out). Idempotent. */
export async function endMemberSession(sessionId: string): Promise<void> {
  await (await getDb()).delete(authSessions).where(eq(authSessions.sessionToken, sessionId));
  forgetTokenHolders({ tokenId: sessionHolderKey(sessionId) });
}

/** Where a session's member is remembered among the token holders (lib/auth/session-cookie.ts). */
export const sessionHolderKey = (sessionId: string) => `session ${sessionId}`;

/** The member of a live session, or null when it ended, expired or belongs to someone else. */
export async function findSessionUser(userId: string, sessionId: string): Promise<User | null> {
  const [row] = await (await getDb())
    .select({ user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.sessionToken, sessionId), eq(authSessions.userId, userId), gt(authSessions.expires, new Date())));
  return row?.user ?? null;
}

/**
 * "Sign out everywhere": ends every browser session of the caller and drops their live sockets. API tokens are
 * separate credentials, listed and revoked one by one in settings. Members, even suspended ones. Idempotent.
 */
export async function endAllMemberSessions(ctx: Context): Promise<{ ended: number }> {
  const actor = assertCan(ctx.actor, { action: "session.manage" });
  const ended = await (await getDb()).delete(authSessions).where(eq(authSessions.userId, actor.id)).returning({ id: authSessions.sessionToken });
  forgetTokenHolders({ userId: actor.id });
  dropUserSockets(actor.id);
  return { ended: ended.length };
}
