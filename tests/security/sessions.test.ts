import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "@/lib/auth/actor";
import { endAllMemberSessions, endMemberSession, startMemberSession } from "@/lib/auth/member-sessions";
import { actorFromSessionCookie } from "@/lib/auth/session-cookie";
import { Unauthenticated } from "@/lib/errors";
import { api } from "../support/http";
import { startApiServer, type ApiServer } from "../support/api-server";
import { createActor } from "../support/actors";

// Issue 16 finding 9: signing out did not end the session; a copied cookie kept working for 30 days.
const authSecret = "sessions-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = authSecret;
const salt = "authjs.session-token";

/** The cookie Auth.js sets at sign-in: a JWT naming the member and their server-side session. */
async function cookieFor(userId: string, sessionId?: string): Promise<string> {
  const token = sessionId === undefined ? { sub: userId } : { sub: userId, sid: sessionId };
  return `${salt}=${await encode({ token, secret: authSecret, salt })}`;
}

let server: ApiServer;
let client: ReturnType<typeof api>;
beforeAll(async () => {
  server = await startApiServer();
  client = api(server.url);
});
afterAll(() => server.close());

describe("sessions end on the server (finding 9)", () => {
  it("a cookie works only while its session lives: signing out ends it, for a copy of the cookie too", async () => {
    const member = await createActor();
    const sessionId = await startMemberSession(member.actor.id);
    const cookie = await cookieFor(member.actor.id, sessionId);
    expect((await actorFromSessionCookie(cookie))?.id).toBe(member.actor.id);
    await endMemberSession(sessionId);
    expect(await actorFromSessionCookie(cookie)).toBeNull();
    expect((await client.get("/api/v1/me", { headers: { cookie } })).status).toBe(401);
  });

  it("refuses a validly sealed cookie with no session, or with someone else's", async () => {
    const member = await createActor();
    const other = await createActor();
    expect(await actorFromSessionCookie(await cookieFor(member.actor.id))).toBeNull();
    const othersSession = await startMemberSession(other.actor.id);
    expect(await actorFromSessionCookie(await cookieFor(member.actor.id, othersSession))).toBeNull();
  });

  it("signs out everywhere through the API: every session of the caller ends, nobody else's", async () => {
    const member = await createActor();
    const bystander = await createActor();
    const cookies = await Promise.all([0, 1, 2].map(async () => cookieFor(member.actor.id, await startMemberSession(member.actor.id))));
    const bystanderCookie = await cookieFor(bystander.actor.id, await startMemberSession(bystander.actor.id));
    for (const cookie of cookies) expect((await client.get("/api/v1/me", { headers: { cookie } })).status).toBe(200);

    // A cookie write must come from the site itself (CSRF), as every cookie write does.
    const foreign = await client.delete("/api/v1/sessions", { headers: { cookie: cookies[0]! } });
    expect(foreign.status).toBe(403);
    const ended = await client.delete("/api/v1/sessions", { headers: { cookie: cookies[0]!, origin: server.url } });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 3 });

    for (const cookie of cookies) expect((await client.get("/api/v1/me", { headers: { cookie } })).status).toBe(401);
    expect((await client.get("/api/v1/me", { headers: { cookie: bystanderCookie } })).body.user.id).toBe(bystander.actor.id);
    expect((await client.delete("/api/v1/sessions")).status).toBe(401);
  });

  it("is for signed-in callers, suspended ones included", async () => {
    await expect(endAllMemberSessions(anonymous)).rejects.toBeInstanceOf(Unauthenticated);
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 86_400_000) });
    await startMemberSession(suspended.actor.id);
    await expect(endAllMemberSessions(suspended)).resolves.toEqual({ ended: 1 });
  });
});
