import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { drafts, flags, forecasts, moderationLog, posts, replies, scenarios, users, votes } from "@/db/schema";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { createFlag } from "@/lib/moderation/flags";
import { createActor } from "../support/actors";
import { addPost, countRows } from "../support/forum";
import { api, type ApiResponse } from "../support/http";
import { connectReader, startLiveServer, waitFor } from "../support/live-server";

let server: Awaited<ReturnType<typeof startLiveServer>>;
let client: ReturnType<typeof api>;

beforeAll(async () => {
  server = await startLiveServer();
  client = api(server.url);
});
afterAll(() => server.close());

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

async function withToken(role: "member" | "moderator" | "admin" = "member") {
  const ctx = await createActor(role);
  return { ...ctx, token: (await issueTokenToMember(ctx, { label: "tests" })).token };
}

/** Everything a write could leave behind. */
async function footprint() {
  const tables = { drafts, flags, forecasts, moderationLog, posts, replies, scenarios, votes };
  const counts = await Promise.all(Object.values(tables).map((table) => countRows(table)));
  const roles = await (await getDb()).select({ id: users.id, role: users.role }).from(users);
  return { counts, roles: roles.sort((a, b) => a.id.localeCompare(b.id)) };
}

function expectSuspended(response: ApiResponse, until: string) {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 403,
    body: { error: { code: "suspended", message: expect.stringContaining(until), details: [], until } },
  });
}

describe("a suspended member over HTTP", () => {
  it("reads, but every write answers 403 naming the end, and nothing is written", async () => {
    const moderator = await withToken("moderator");
    const member = await withToken();
    const other = await createActor();
    const post = await addPost();
    const own = await createScenario(member, { postId: post.id, title: `Mine ${Math.random()}`, body: "Mine" });
    const theirs = await createScenario(other, { postId: post.id, title: `Theirs ${Math.random()}`, body: "Theirs" });
    const ownReply = await createReply(member, { scenarioId: theirs.id, body: "My reply" });
    const flag = await createFlag(member, { targetType: "scenario", targetId: theirs.id, reason: "spam" });
    const until = new Date(Date.parse(inSeconds(3600))).toISOString();
    const suspended = await client.post(`/api/v1/mod/user/${member.actor.id}/suspend`, { until, reason: "Cooling off" }, { token: moderator.token });
    expect(suspended.status).toBe(200);
    expect(suspended.body.suspension).toEqual({ userId: member.actor.id, suspendedUntil: until, reason: "Cooling off" });

    const before = await footprint();
    const writes: [string, string, unknown][] = [
      ["POST", `/api/v1/posts/${post.id}/scenarios`, { title: "While suspended", body: "x" }],
      ["PATCH", `/api/v1/scenarios/${own.id}`, { title: "Edited while suspended" }],
      ["PUT", `/api/v1/scenarios/${theirs.id}/vote`, { value: 1 }],
      ["PUT", `/api/v1/posts/${post.id}/forecast`, { probabilities: { [theirs.id]: 60, other: 40 } }],
      ["POST", `/api/v1/scenarios/${theirs.id}/replies`, { body: "While suspended" }],
      ["PATCH", `/api/v1/replies/${ownReply.id}`, { body: "Edited while suspended" }],
      ["POST", "/api/v1/flags", { targetType: "scenario", targetId: theirs.id, reason: "abuse" }],
      ["DELETE", `/api/v1/flags/${flag.id}`, undefined],
      ["PUT", `/api/v1/drafts/reply:${theirs.id}`, { content: { body: "draft" } }],
      ["DELETE", `/api/v1/drafts/reply:${theirs.id}`, undefined],
      ["POST", "/api/v1/preview", { body: "preview" }],
    ];
    for (const [method, path, body] of writes) {
      expectSuspended(await client.call(method, path, { body, token: member.token }), until);
    }
    expect(await footprint()).toEqual(before);
    // Reading still works.
    expect((await client.get(`/api/v1/posts/${post.id}/scenarios`, { token: member.token })).status).toBe(200);
    expect((await client.get("/api/v1/me", { token: member.token })).body.user.id).toBe(member.actor.id);

    const lifted = await client.post(`/api/v1/mod/user/${member.actor.id}/unsuspend`, { reason: "Served" }, { token: moderator.token });
    expect(lifted.body.suspension).toEqual({ userId: member.actor.id, suspendedUntil: null, reason: null });
    expect((await client.put(`/api/v1/scenarios/${theirs.id}/vote`, { value: 1 }, { token: member.token })).status).toBe(200);
  });

  it("staff writes are refused alike while suspended (an admin suspends a moderator)", async () => {
    const admin = await withToken("admin");
    const moderator = await withToken("moderator");
    const member = await createActor();
    const post = await addPost();
    const until = new Date(Date.parse(inSeconds(600))).toISOString();
    expect((await client.post(`/api/v1/mod/user/${moderator.actor.id}/suspend`, { until, reason: "Overreach" }, { token: admin.token })).status).toBe(200);
    const before = await footprint();
    expectSuspended(await client.post(`/api/v1/mod/user/${member.actor.id}/suspend`, { until, reason: "x" }, { token: moderator.token }), until);
    expectSuspended(await client.post(`/api/v1/mod/posts/${post.id}/resolve`, { outcome: "annulled" }, { token: moderator.token }), until);
    expectSuspended(await client.get("/api/v1/mod/queue", { token: moderator.token }), until);
    const axes = {
      x: { label: "Openness", low: "Closed", high: "Open" },
      y: { label: "Escalation", low: "Calm", high: "Tense" },
      quadrants: { highHigh: "Both", highLow: "Diplomacy", lowHigh: "Escalation", lowLow: "Neither" },
    };
    const article = { title: `Suspended post ${Math.random()}`, body: "Body", question: "What next?", lang: "en", axes };
    expectSuspended(await client.post("/api/v1/posts", article, { token: moderator.token }), until);
    expectSuspended(await client.patch(`/api/v1/posts/${post.id}`, { title: "Retitled while suspended" }, { token: moderator.token }), until);
    expect(await footprint()).toEqual(before);
  });

  it("lifts by itself at until", async () => {
    const moderator = await withToken("moderator");
    const member = await withToken();
    const post = await addPost();
    const until = new Date(Date.now() + 1500).toISOString();
    expect((await client.post(`/api/v1/mod/user/${member.actor.id}/suspend`, { until, reason: "A moment" }, { token: moderator.token })).status).toBe(200);
    const body = { title: `Soon ${Math.random()}`, body: "x" };
    expectSuspended(await client.post(`/api/v1/posts/${post.id}/scenarios`, body, { token: member.token }), until);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(until) - Date.now() + 50));
    expect((await client.post(`/api/v1/posts/${post.id}/scenarios`, body, { token: member.token })).status).toBe(201);
  });

  it("drops the member's sockets at once; they may reconnect to read", async () => {
    const moderator = await withToken("moderator");
    const member = await withToken();
    const { socket } = connectReader(server.url, { token: member.token });
    await waitFor(() => socket.connected);
    let reason = "";
    socket.on("disconnect", (why) => (reason = why));
    expect((await client.post(`/api/v1/mod/user/${member.actor.id}/suspend`, { until: inSeconds(600), reason: "Go" }, { token: moderator.token })).status).toBe(200);
    await waitFor(() => !socket.connected);
    expect(reason).toBe("io server disconnect");
    const again = connectReader(server.url, { token: member.token });
    await waitFor(() => again.socket.connected);
    again.socket.close();
  });

  it("bad input answers 4xx JSON and writes nothing; moderators cannot suspend admins or each other", async () => {
    const moderator = await withToken("moderator");
    const admin = await withToken("admin");
    const peer = await withToken("moderator");
    const member = await withToken();
    const before = await footprint();
    const path = `/api/v1/mod/user/${member.actor.id}/suspend`;
    const refused: [string, unknown, string, number, string][] = [
      [path, { until: new Date(Date.now() - 60_000).toISOString(), reason: "x" }, moderator.token, 400, "validation_failed"],
      [path, { until: "tomorrow", reason: "x" }, moderator.token, 400, "validation_failed"],
      [path, { until: inSeconds(60) }, moderator.token, 400, "validation_failed"],
      [path, { until: inSeconds(60), reason: "x".repeat(501) }, moderator.token, 400, "validation_failed"],
      [`/api/v1/mod/user/a%00b/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 400, "validation_failed"],
      [`/api/v1/mod/user/${"u".repeat(10_240)}/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 404, "not_found"],
      [`/api/v1/mod/user/no-such-user/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 404, "not_found"],
      [`/api/v1/mod/user/${admin.actor.id}/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 403, "forbidden"],
      [`/api/v1/mod/user/${peer.actor.id}/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 403, "forbidden"],
      [`/api/v1/mod/user/${moderator.actor.id}/suspend`, { until: inSeconds(60), reason: "x" }, moderator.token, 403, "forbidden"],
      [`/api/v1/mod/user/${peer.actor.id}/unsuspend`, { reason: "x" }, moderator.token, 403, "forbidden"],
      [path, { until: inSeconds(60), reason: "x" }, member.token, 403, "forbidden"],
    ];
    for (const [url, body, token, status, code] of refused) {
      const response = await client.post(url, body, { token });
      expect([url.slice(0, 60), response.status, response.body?.error?.code]).toEqual([url.slice(0, 60), status, code]);
    }
    // Only admins change roles.
    const promoted = await client.put(`/api/v1/admin/users/${member.actor.id}/role`, { role: "moderator" }, { token: moderator.token });
    expect([promoted.status, promoted.body.error.code]).toEqual([403, "forbidden"]);
    expect(await footprint()).toEqual(before);
    const [stored] = await (await getDb()).select({ until: users.suspendedUntil }).from(users).where(eq(users.id, member.actor.id));
    expect(stored!.until).toBeNull();
  });
});
