import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog, posts, replies } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { RateLimited } from "@/lib/errors";
import { getPost } from "@/lib/forum/posts";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { setSlowMode } from "@/lib/moderation/slow-mode";
import { createActor } from "../support/actors";
import { startApiServer } from "../support/api-server";
import { addPost, countRows, outcome, postEvents, readPost } from "../support/forum";
import { api } from "../support/http";

/** Moves a member's replies on a post into the past, as if `ms` had gone by since they wrote them. */
async function age(postId: string, authorId: string, ms: number) {
  const db = await getDb();
  const rows = await db.select().from(replies).where(and(eq(replies.postId, postId), eq(replies.authorId, authorId)));
  for (const row of rows) await db.update(replies).set({ createdAt: new Date(row.createdAt.getTime() - ms) }).where(eq(replies.id, row.id));
}

async function postWithTwoScenarios() {
  const post = await addPost();
  const author = await createActor();
  const a = await createScenario(author, { postId: post.id, title: "First way", body: "A" });
  const b = await createScenario(author, { postId: post.id, title: "Second way", body: "B" });
  return { post, a, b };
}

const logRows = (postId: string) => countRows(moderationLog, and(eq(moderationLog.targetType, "post"), eq(moderationLog.targetId, postId)));

describe("setSlowMode", () => {
  it("sets the interval with a log row and a post.updated event in one go, and repeating it writes nothing", async () => {
    const { post } = await postWithTwoScenarios();
    const mod = await createActor("moderator");
    const seqBefore = (await readPost(post.id)).lastSeq;
    const result = await setSlowMode(mod, { postId: post.id, seconds: 120, reason: "  Heated thread  " });
    expect(result.post).toEqual({ id: post.id, slowModeSeconds: 120 });
    expect(result.entry).toMatchObject({ action: "slow_mode", targetType: "post", targetId: post.id, reason: "Heated thread", change: { from: 0, to: 120 } });
    const [row] = await (await getDb()).select().from(moderationLog).where(eq(moderationLog.id, result.entry!.id));
    expect(row).toMatchObject({ actorId: mod.actor.id, action: "slow_mode", reason: "Heated thread", details: { from: 0, to: 120 } });
    const events = (await postEvents(post.id)).filter((e) => e.seq > seqBefore);
    expect(events.map((e) => [e.type, e.data])).toEqual([["post.updated", { post: { id: post.id, slowModeSeconds: 120 } }]]);
    expect((await getPost(anonymous, { idOrSlug: post.id })).slowModeSeconds).toBe(120);

    const again = await setSlowMode(await createActor("admin"), { postId: post.id, seconds: 120, reason: "Same again" });
    expect(again).toEqual({ post: { id: post.id, slowModeSeconds: 120 }, entry: null });
    expect(await logRows(post.id)).toBe(1);
    expect((await postEvents(post.id)).filter((e) => e.seq > seqBefore)).toHaveLength(1);

    const off = await setSlowMode(mod, { postId: post.id, seconds: 0, reason: "Calm again" });
    expect(off.entry?.change).toEqual({ from: 120, to: 0 });
    expect(await logRows(post.id)).toBe(2);
  });

  it("is for moderators and admins, needs a reason and a whole number of seconds up to a day, and bad input writes nothing", async () => {
    const post = await addPost();
    const mod = await createActor("moderator");
    expect(await outcome(setSlowMode(anonymous, { postId: post.id, seconds: 60, reason: "r" }))).toBe("Unauthenticated");
    expect(await outcome(setSlowMode(await createActor(), { postId: post.id, seconds: 60, reason: "r" }))).toBe("Forbidden");
    // Refused before the body is looked at.
    expect(await outcome(setSlowMode(anonymous, { postId: "\u0000", seconds: -5 }))).toBe("Unauthenticated");
    expect(await outcome(setSlowMode(await createActor(), { postId: "\u0000", seconds: -5 }))).toBe("Forbidden");
    const suspended = await createActor("moderator", { suspendedUntil: new Date(Date.now() + 3_600_000) });
    expect(await outcome(setSlowMode(suspended, { postId: post.id, seconds: 60, reason: "r" }))).toBe("Suspended");
    for (const bad of [
      { postId: post.id, seconds: 60 },
      { postId: post.id, seconds: 60, reason: "   " },
      { postId: post.id, seconds: 60, reason: "x".repeat(501) },
      { postId: post.id, seconds: -1, reason: "r" },
      { postId: post.id, seconds: 1.5, reason: "r" },
      { postId: post.id, seconds: 86_401, reason: "r" },
      { postId: post.id, seconds: "60", reason: "r" },
      { postId: "bad\u0000id", seconds: 60, reason: "r" },
      { postId: "x".repeat(10_000), seconds: 60, reason: "r" },
    ]) {
      expect(await outcome(setSlowMode(mod, bad))).toBe("ValidationFailed");
    }
    expect(await outcome(setSlowMode(mod, { postId: "no-such-post", seconds: 60, reason: "r" }))).toBe("NotFound");
    expect((await readPost(post.id)).slowModeSeconds).toBe(0);
    expect(await logRows(post.id)).toBe(0);
    expect(await postEvents(post.id)).toEqual([]);
  });
});

describe("replies under slow mode", () => {
  it("holds one member to one reply per interval across the post's scenarios, with the wait; others, staff and other posts are free", async () => {
    const { post, a, b } = await postWithTwoScenarios();
    const other = await postWithTwoScenarios();
    await setSlowMode(await createActor("moderator"), { postId: post.id, seconds: 60, reason: "Cool down" });
    const member = await createActor();
    await createReply(member, { scenarioId: a.id, body: "First thought" });
    const refused = await createReply(member, { scenarioId: b.id, body: "Second thought" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(55);
    expect((refused as RateLimited).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((refused as RateLimited).message).toContain("Slow mode");
    expect(await countRows(replies, and(eq(replies.postId, post.id), eq(replies.authorId, member.actor.id)))).toBe(1);

    // Another member, a moderator, an admin, and the same member on another post are not held back.
    expect(await outcome(createReply(await createActor(), { scenarioId: a.id, body: "Me too" }))).toBe("ok");
    const mod = await createActor("moderator");
    const admin = await createActor("admin");
    for (const staff of [mod, admin]) {
      expect(await outcome(createReply(staff, { scenarioId: a.id, body: "Staff note one" }))).toBe("ok");
      expect(await outcome(createReply(staff, { scenarioId: b.id, body: "Staff note two" }))).toBe("ok");
    }
    expect(await outcome(createReply(member, { scenarioId: other.a.id, body: "Elsewhere" }))).toBe("ok");
    expect(await outcome(createReply(member, { scenarioId: other.b.id, body: "Elsewhere again" }))).toBe("ok");

    // Once the interval has passed, the member may reply again (and then waits again).
    await age(post.id, member.actor.id, 61_000);
    expect(await outcome(createReply(member, { scenarioId: b.id, body: "Second thought" }))).toBe("ok");
    expect(await outcome(createReply(member, { scenarioId: a.id, body: "Third thought" }))).toBe("RateLimited");
  });

  it("lets only one of two replies sent at once through", async () => {
    const { post, a, b } = await postWithTwoScenarios();
    await setSlowMode(await createActor("moderator"), { postId: post.id, seconds: 60, reason: "Cool down" });
    const member = await createActor();
    const results = await Promise.all([
      outcome(createReply(member, { scenarioId: a.id, body: "At once, here" })),
      outcome(createReply(member, { scenarioId: b.id, body: "At once, there" })),
    ]);
    expect(results.sort()).toEqual(["RateLimited", "ok"]);
    expect(await countRows(replies, and(eq(replies.postId, post.id), eq(replies.authorId, member.actor.id)))).toBe(1);
  });

  it("answers over HTTP: the moderator's action, then 429 with Retry-After for the member's second reply", async () => {
    const server = await startApiServer();
    try {
      const client = api(server.url);
      const { post, a } = await postWithTwoScenarios();
      const modToken = (await issueTokenToMember(await createActor("moderator"), { label: "t" })).token;
      const memberToken = (await issueTokenToMember(await createActor(), { label: "t" })).token;
      const set = await client.post(`/api/v1/mod/post/${post.id}/slow-mode`, { seconds: 30, reason: "Cool down" }, { token: modToken });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ post: { id: post.id, slowModeSeconds: 30 }, entry: { action: "slow_mode", reason: "Cool down" } });
      expect((await client.post(`/api/v1/mod/post/${post.id}/slow-mode`, { seconds: 30, reason: "r" }, { token: memberToken })).status).toBe(403);
      const missing = await client.post(`/api/v1/mod/post/${post.id}/slow-mode`, { seconds: 30 }, { token: modToken });
      expect([missing.status, missing.body.error.code]).toEqual([400, "validation_failed"]);
      expect((await client.get(`/api/v1/posts/${post.id}`)).body.post.slowModeSeconds).toBe(30);

      expect((await client.post(`/api/v1/scenarios/${a.id}/replies`, { body: "One" }, { token: memberToken })).status).toBe(201);
      const second = await client.post(`/api/v1/scenarios/${a.id}/replies`, { body: "Two" }, { token: memberToken });
      expect([second.status, second.body.error.code]).toEqual([429, "rate_limited"]);
      const retryAfter = Number(second.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(25);
      expect(retryAfter).toBeLessThanOrEqual(30);
      const [row] = await (await getDb()).select({ s: posts.slowModeSeconds }).from(posts).where(eq(posts.id, post.id));
      expect(row!.s).toBe(30);
    } finally {
      await server.close();
    }
  });
});
