import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifications, replies, scenarios, type Post } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { createReply } from "@/lib/forum/replies";
import type { ReplyView } from "@/lib/forum/reply-view";
import { createScenario } from "@/lib/forum/scenarios";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { resolvePost } from "@/lib/forecasts/resolution";
import { transactWithEvents } from "@/lib/live/outbox";
import { moderateContent } from "@/lib/moderation/content-actions";
import { recordModeration } from "@/lib/moderation/log";
import { followTarget } from "@/lib/notify/follows";
import { listNotifications, markNotificationsRead } from "@/lib/notify/notifications";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notify/preferences";
import { api } from "../support/http";
import { createActor } from "../support/actors";
import { addPost, countRows, setPost } from "../support/forum";
import { connectReader, startLiveServer, waitFor } from "../support/live-server";

type Member = Context & { actor: Actor };
let server: Awaited<ReturnType<typeof startLiveServer>>;
let client: ReturnType<typeof api>;
let post: Post;
let serial = 0;
const text = (what: string) => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  server = await startLiveServer();
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
    expect(toAuthor!.url).toBe(`/p/${encodeURIComponent(post.slug)}/s/${scenario.id}?reply=${reply.id}#reply-${reply.id}`);
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
    expect(list[0]!.text).toBe(`3 new replies to you in “${scenario.title}”, the latest from ${repliers[2]!.actor.name}`);
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
      await recordModeration(tx, { actorId: moderator.actor.id, action: "hide", targetType: "reply", targetId: reply.id, reason: "Off topic" });
    });
    expect(await mine(author)).toEqual([]);
    const [told] = await mine(replier);
    expect(told).toMatchObject({ type: "moderation", targetType: "reply", targetId: reply.id });
    expect(told!.text).toContain("Off topic");
  });

  it("through the API: list with cursor pagination, mark read by ids (others' ids ignored) or all; bad input is a 4xx", async () => {
    const author = await createActor();
    const other = await createActor();
    const token = (await issueTokenToMember(author, { label: "t" })).token;
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
    const otherToken = (await issueTokenToMember(other, { label: "t" })).token;
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

  it("exactly once: a rolled-back write leaves no notification, and a concurrent burst is one row counting every reply", async () => {
    const author = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const before = await countRows(notifications, eq(notifications.userId, author.actor.id));
    const replier = await createActor();
    await expect(
      transactWithEvents(async (tx, emit) => {
        // Only the fields the notification rule reads.
        const reply = { id: "rolled-back-reply", scenarioId: scenario.id, parentId: null, body: "x", author: { id: replier.actor.id } } as unknown as ReplyView;
        await emit(post.id, "reply.created", { reply, replyCount: 1 });
        throw new Error("the write fails after its event");
      }),
    ).rejects.toThrow("the write fails");
    expect(await countRows(notifications, eq(notifications.userId, author.actor.id))).toBe(before);

    const repliers = await Promise.all(Array.from({ length: 6 }, () => createActor()));
    await Promise.all(repliers.map((r) => createReply(r, { scenarioId: scenario.id, body: text("Reply") })));
    const rows = await (await getDb()).select().from(notifications).where(eq(notifications.userId, author.actor.id));
    expect(rows.map((r) => [r.type, r.count])).toEqual([["reply", 6]]);
  });

  it("one notification per member per reply, the most specific; none for mentioning oneself; a scenario hidden since drops out", async () => {
    const author = await createActor();
    const follower = await createActor();
    const replier = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    await followTarget(follower, { targetType: "scenario", targetId: scenario.id });
    await createReply(replier, { scenarioId: scenario.id, body: `Look, @${author.actor.handle} and @${follower.actor.handle}, and me: @${replier.actor.handle}` });
    expect((await mine(author)).map((n) => n.type)).toEqual(["reply"]);
    expect((await mine(follower)).map((n) => n.type)).toEqual(["mention"]);
    expect(await countRows(notifications, eq(notifications.userId, replier.actor.id))).toBe(0);
    await transactWithEvents((tx) => tx.update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, scenario.id)));
    for (const member of [author, follower]) {
      const list = await listNotifications(member, {});
      expect({ shown: list.notifications.length, unread: list.unread }).toEqual({ shown: 0, unread: 0 });
    }
  });

  it("a resolved question tells each forecaster their score, not the moderator who resolved it", async () => {
    const question = await addPost();
    const proposer = await createActor();
    const [right, wrong] = [await createActor(), await createActor()];
    const moderator = await createActor("moderator");
    const scenario = await createScenario(proposer, { postId: question.id, title: text("Scenario"), body: "Body" });
    await submitForecast(right, { postId: question.id, probabilities: { [scenario.id]: 90, other: 10 } });
    await submitForecast(wrong, { postId: question.id, probabilities: { [scenario.id]: 10, other: 90 } });
    await submitForecast(moderator, { postId: question.id, probabilities: { [scenario.id]: 50, other: 50 } });
    await resolvePost(moderator, { postId: question.id, outcome: "scenario", scenarioId: scenario.id, note: "It happened" });
    const [toRight] = await mine(right);
    const [toWrong] = await mine(wrong);
    expect(toRight).toMatchObject({ type: "resolution", targetType: "post", targetId: question.id, url: `/p/${encodeURIComponent(question.slug)}` });
    expect(toRight!.text).toContain("Your score: 0.020");
    expect(toWrong!.text).toContain("Your score: 1.620");
    expect(await mine(moderator)).toEqual([]);
    expect((await mine(proposer)).filter((n) => n.type === "resolution")).toEqual([]);
  });

  it("live: the member's own sockets hear {unread, notification} once the reply commits; nobody else's do", async () => {
    const author = await createActor();
    const bystander = await createActor();
    const replier = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const sockets: { socket: ReturnType<typeof connectReader>["socket"]; heard: unknown[] }[] = [];
    for (const member of [author, bystander]) {
      const { socket } = connectReader(server.url, { token: (await issueTokenToMember(member, { label: "live" })).token });
      const heard: unknown[] = [];
      socket.on("notification", (message: unknown) => heard.push(message));
      await waitFor(() => socket.connected);
      sockets.push({ socket, heard });
    }
    const reply = await createReply(replier, { scenarioId: scenario.id, body: text("Reply") });
    await waitFor(() => sockets[0]!.heard.length === 1);
    expect(sockets[0]!.heard[0]).toMatchObject({ unread: 1, notification: { type: "reply", targetId: reply.id, count: 1, read: false } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets[1]!.heard).toEqual([]);
    for (const s of sockets) s.socket.disconnect();
  });

  it("without SMTP_URL email cannot be turned on, and the settings say so", async () => {
    const member = await createActor();
    expect(await getNotificationPreferences(member)).toMatchObject({ emailReplies: false, emailDigest: false, mailConfigured: false });
    await expect(updateNotificationPreferences(member, { emailReplies: true })).rejects.toThrow("SMTP_URL is not configured");
    expect(await updateNotificationPreferences(member, { emailReplies: false, autoFollow: false })).toMatchObject({ emailReplies: false, autoFollow: false });
  });

  it("a moderator hiding your scenario tells you with the reason, and nobody else", async () => {
    const author = await createActor();
    const follower = await createActor();
    const moderator = await createActor("moderator");
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    await followTarget(follower, { targetType: "scenario", targetId: scenario.id });
    await moderateContent(moderator, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Duplicate of an older scenario" });
    const [told] = await mine(author);
    expect(told).toMatchObject({ type: "moderation", targetType: "scenario", targetId: scenario.id });
    expect(told!.text).toBe(`A moderator hid your contribution in “${post.title}”. Reason: Duplicate of an older scenario`);
    expect(await mine(follower)).toEqual([]);
    expect(await mine(moderator)).toEqual([]);
  });
});
