import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, replies, type Post } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { issueApiToken } from "@/lib/auth/tokens";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { transactWithEvents } from "@/lib/live/outbox";
import { recordModeration } from "@/lib/moderation/log";
import { followTarget } from "@/lib/notify/follows";
import { listNotifications, markNotificationsRead } from "@/lib/notify/notifications";
import { startApiServer, type ApiServer } from "../support/api-server";
import { api } from "../support/http";
import { createActor } from "../support/actors";
import { addPost, countRows, setPost } from "../support/forum";

type Member = Context & { actor: Actor };
let server: ApiServer;
let client: ReturnType<typeof api>;
let post: Post;
let serial = 0;
const text = (what: string) => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  server = await startApiServer();
  client = api(server.url);
  post = await addPost();
});
afterAll(() => server.close());

const mine = async (member: Member) => (await listNotifications(member, { locale: "en" })).notifications;

describe("notifications", () => {
  it("a reply tells the scenario's author (reply), a mentioned member (mention) and followers (followed.reply), once each, never the replier", async () => {
    const author = await createActor();
    const replier = await createActor();
    const follower = await createActor();
    const mentioned = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    await followTarget(follower, { targetType: "scenario", targetId: scenario.id });
    await followTarget(mentioned, { targetType: "scenario", targetId: scenario.id });
    const reply = await createReply(replier, { scenarioId: scenario.id, body: `I agree with @${mentioned.actor.handle} and @${replier.actor.handle}` });

    const [toAuthor] = await mine(author);
    expect(toAuthor).toMatchObject({ type: "reply", read: false, count: 1, targetType: "reply", targetId: reply.id, postId: post.id, actor: { id: replier.actor.id } });
    expect(toAuthor!.url).toBe(`/p/${post.slug}/s/${scenario.id}?reply=${reply.id}#reply-${reply.id}`);
    expect(toAuthor!.text).toContain(scenario.title);
    expect((await mine(mentioned)).map((n) => n.type)).toEqual(["mention"]);
    expect((await mine(follower)).map((n) => n.type)).toEqual(["followed.reply"]);
    expect(await mine(replier)).toEqual([]);
  });

  it("a burst coalesces into one unread notification whose count grows; once read, the next reply starts a new one", async () => {
    const author = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const repliers = await Promise.all([createActor(), createActor(), createActor()]);
    const first = await createReply(repliers[0]!, { scenarioId: scenario.id, body: text("Reply") });
    for (const r of repliers.slice(1)) await createReply(r, { scenarioId: scenario.id, body: text("Reply") });
    const list = await mine(author);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ count: 3, targetId: first.id, actor: { id: repliers[2]!.actor.id } });
    expect(list[0]!.text).toMatch(/and 2 others/);
    expect(await markNotificationsRead(author, { all: true })).toEqual({ unread: 0 });
    await createReply(repliers[0]!, { scenarioId: scenario.id, body: text("Reply") });
    const after = await listNotifications(author, { unread: "1" });
    expect(after.unread).toBe(1);
    expect(after.notifications.map((n) => n.count)).toEqual([1]);
  });

  it("a new scenario tells the post's followers and the author's followers; nobody hears of content on a hidden post", async () => {
    const fresh = await addPost();
    const postFollower = await createActor();
    const authorFollower = await createActor();
    const author = await createActor();
    await followTarget(postFollower, { targetType: "post", targetId: fresh.id });
    await followTarget(authorFollower, { targetType: "user", targetId: author.actor.id });
    await createScenario(author, { postId: fresh.id, title: text("Scenario"), body: "Body" });
    expect((await mine(postFollower)).map((n) => n.type)).toEqual(["followed.scenario"]);
    expect((await mine(authorFollower)).map((n) => n.type)).toEqual(["followed.scenario"]);

    // Hidden afterwards: the notification drops out for members.
    await setPost(fresh.id, { status: "hidden" });
    expect(await mine(postFollower)).toEqual([]);
    expect((await listNotifications(postFollower, {})).unread).toBe(0);
    // Written while hidden (a moderator's scenario): no row for members at all.
    const moderator = await createActor("moderator");
    const before = await countRows(notifications, eq(notifications.userId, postFollower.actor.id));
    await createScenario(moderator, { postId: fresh.id, title: text("Scenario"), body: "Body" });
    expect(await countRows(notifications, eq(notifications.userId, postFollower.actor.id))).toBe(before);
  });

  it("a hidden reply drops out; moderation tells the author with the reason", async () => {
    const author = await createActor();
    const replier = await createActor();
    const moderator = await createActor("moderator");
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const reply = await createReply(replier, { scenarioId: scenario.id, body: text("Reply") });
    expect(await mine(author)).toHaveLength(1);
    await transactWithEvents(async (tx) => {
      await tx.update(replies).set({ status: "hidden" }).where(eq(replies.id, reply.id));
      await recordModeration(tx, { actorId: moderator.actor.id, action: "reply.hide", targetType: "reply", targetId: reply.id, reason: "Off topic" });
    });
    expect(await mine(author)).toEqual([]);
    const [told] = await mine(replier);
    expect(told).toMatchObject({ type: "moderation", targetType: "reply", targetId: reply.id });
    expect(told!.text).toContain("Off topic");
  });

  it("through the API: list with cursor pagination, mark read by ids (others' ids ignored) or all; bad input is a 4xx", async () => {
    const author = await createActor();
    const other = await createActor();
    const token = (await issueApiToken(author, { label: "t" })).token;
    for (let i = 0; i < 3; i++) {
      const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
      await createReply(other, { scenarioId: scenario.id, body: text("Reply") });
    }
    const first = await client.get("/api/v1/notifications?unread=1&limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body.unread).toBe(3);
    expect(first.body.notifications).toHaveLength(2);
    expect(Object.keys(first.body.notifications[0]).sort()).toEqual(["actor", "at", "count", "id", "postId", "read", "targetId", "targetType", "text", "type", "url"]);
    const second = await client.get(`/api/v1/notifications?unread=1&limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.notifications).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const otherToken = (await issueApiToken(other, { label: "t" })).token;
    const foreign = await client.post("/api/v1/notifications/read", { ids: [first.body.notifications[0].id] }, { token: otherToken });
    expect(foreign.body).toEqual({ unread: 0 });
    const read = await client.post("/api/v1/notifications/read", { ids: [first.body.notifications[0].id] }, { token });
    expect(read.body).toEqual({ unread: 2 });
    for (const body of [{}, { ids: [] }, { ids: ["a\u0000b"] }, { ids: ["x".repeat(10_000)] }, { all: false }, { all: true, ids: ["x"] }]) {
      const bad = await client.post("/api/v1/notifications/read", body, { token });
      expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);
    }
    expect((await client.get("/api/v1/notifications?cursor=nonsense", { token })).status).toBe(400);
    expect((await client.get("/api/v1/notifications")).status).toBe(401);
    expect((await client.post("/api/v1/notifications/read", { all: true }, { token })).body).toEqual({ unread: 0 });
  });
});
