import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog } from "@/db/schema";
import { anonymous, type Context } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { flushCommunity, readCommunity } from "@/lib/forecasts/community";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { getPost, listPosts } from "@/lib/forum/posts";
import { createReply, listReplies } from "@/lib/forum/replies";
import { createScenario, getScenario, listScenarios } from "@/lib/forum/scenarios";
import { scenarioSorts } from "@/lib/rules/scenario-sorts";
import { castVote } from "@/lib/forum/votes";
import { listEvents } from "@/lib/live/events";
import { maxPinsPerPost, moderateContent } from "@/lib/moderation/content-actions";
import { createFlag } from "@/lib/moderation/flags";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome, postEvents } from "../support/forum";
import { api } from "../support/http";
import { connectReader, startLiveServer, subscribe, waitFor } from "../support/live-server";
import { recountContent, storedContentCounters } from "../support/recount";

type Member = Awaited<ReturnType<typeof createActor>>;
let moderator: Member;
let author: Member;
let reader: Member;

beforeAll(async () => {
  [moderator, author, reader] = await Promise.all([createActor("moderator"), createActor(), createActor()]);
});

let serial = 0;
async function scenarioOn(postId: string, by: Context = author) {
  serial += 1;
  return createScenario(by, { postId, title: `Scenario ${serial} ${Math.random()}`, body: `The secret text of scenario ${serial}` });
}

const logRows = (targetId: string) => countRows(moderationLog, eq(moderationLog.targetId, targetId));

describe("hide and restore", () => {
  it("takes a scenario out of lists, reads and the community forecast, and brings it back whole, counters equal to a recount", async () => {
    const post = await addPost();
    const [kept, target] = [await scenarioOn(post.id), await scenarioOn(post.id)];
    await createReply(reader, { scenarioId: target.id, body: "A reply under it" });
    await castVote(reader, { scenarioId: target.id, value: 1 });
    const forecasters = await Promise.all(Array.from({ length: 5 }, () => createActor()));
    for (const f of forecasters) await submitForecast(f, { postId: post.id, probabilities: { [kept.id]: 40, [target.id]: 50, other: 10 } });
    await flushCommunity();
    const before = await readCommunity(post.id);
    expect(before.scenarios[target.id]?.probability).toBeGreaterThan(0);

    const hidden = await moderateContent(moderator, { targetType: "scenario", targetId: target.id, action: "hide", reason: "Off topic" });
    expect(hidden.entry).toMatchObject({ action: "hide", targetType: "scenario", targetId: target.id, reason: "Off topic", actor: { id: moderator.actor.id } });
    expect(hidden.target).toMatchObject({ id: target.id, status: "hidden", moderation: { action: "hide", reason: "Off topic", by: { handle: moderator.actor.handle }, version: 1 } });
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
    expect((await getPost(anonymous, { idOrSlug: post.id })).scenarioCount).toBe(1);

    for (const who of [anonymous, reader]) {
      expect(await outcome(getScenario(who, { scenarioId: target.id }))).toBe("NotFound");
      expect(await outcome(listReplies(who, { scenarioId: target.id }))).toBe("NotFound");
      for (const sort of scenarioSorts) expect((await listScenarios(who, { postId: post.id, sort })).scenarios.map((s) => s.id)).toEqual([kept.id]);
    }
    // The author is told what was done and why (not by whom); the moderator sees it all.
    const own = await getScenario(author, { scenarioId: target.id });
    expect(own.moderation).toEqual({ action: "hide", reason: "Off topic", at: hidden.entry!.at });
    expect((await listScenarios(author, { postId: post.id })).scenarios.map((s) => s.id).sort()).toEqual([kept.id, target.id].sort());
    expect((await listScenarios(moderator, { postId: post.id })).scenarios).toHaveLength(2);
    expect((await getScenario(reader, { scenarioId: kept.id })).moderation).toBeUndefined();

    await flushCommunity();
    const without = await readCommunity(post.id);
    expect(without.scenarios[target.id]).toBeUndefined();
    expect(without.scenarios[kept.id]).toBeDefined();

    const restored = await moderateContent(moderator, { targetType: "scenario", targetId: target.id, action: "restore", reason: "On reflection it is on topic", version: 1 });
    expect(restored.target).toMatchObject({ status: "visible", score: 1, up: 1, replyCount: 1, moderation: { action: "restore", version: 2 } });
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
    expect((await getScenario(reader, { scenarioId: target.id })).title).toBe(target.title);
    await flushCommunity();
    expect((await readCommunity(post.id)).scenarios[target.id]).toEqual(before.scenarios[target.id]);
    expect(await logRows(target.id)).toBe(2);

    const types = (await postEvents(post.id)).map((e) => e.type);
    expect(types).toContain("content.hidden");
    expect(types).toContain("content.restored");
    const hiddenEvent = (await postEvents(post.id)).find((e) => e.type === "content.hidden")!;
    expect(JSON.stringify(hiddenEvent.data)).not.toContain("secret text");
    expect(JSON.stringify(hiddenEvent.data)).not.toContain("Off topic");
  });

  it("leaves a hidden reply's place in the thread without its text, and keeps the reply count equal to a recount", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    const reply = await createReply(author, { scenarioId: scenario.id, body: "Words to take down" });
    await createReply(reader, { scenarioId: scenario.id, parentId: reply.id, body: "An answer to it" });
    await moderateContent(moderator, { targetType: "reply", targetId: reply.id, action: "hide", reason: "Abuse" });
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
    expect((await getScenario(anonymous, { scenarioId: scenario.id })).replyCount).toBe(1);
    const seen = (who: Context) => listReplies(who, { scenarioId: scenario.id }).then((r) => r.replies.find((x) => x.id === reply.id)!);
    expect(await seen(reader)).toMatchObject({ status: "hidden", body: "", html: "" });
    expect((await seen(reader)).moderation).toBeUndefined();
    expect(await seen(author)).toMatchObject({ body: "Words to take down", moderation: { action: "hide", reason: "Abuse" } });
    expect(await seen(moderator)).toMatchObject({ body: "Words to take down", moderation: { by: { id: moderator.actor.id } } });
    await moderateContent(moderator, { targetType: "reply", targetId: reply.id, action: "restore", reason: "Fine after all" });
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
    expect(await seen(reader)).toMatchObject({ status: "visible", body: "Words to take down" });
  });

  it("hides a post from everyone but moderators and its author", async () => {
    const post = await addPost({ authorId: author.actor.id });
    await moderateContent(moderator, { targetType: "post", targetId: post.id, action: "hide", reason: "Duplicate of another post" });
    expect(await outcome(getPost(reader, { idOrSlug: post.slug }))).toBe("NotFound");
    expect(await outcome(listEvents(reader, { postId: post.id }))).toBe("NotFound");
    expect((await listPosts(reader, { limit: 200 })).posts.map((p) => p.id)).not.toContain(post.id);
    expect((await listPosts(moderator, { limit: 200 })).posts.map((p) => p.id)).toContain(post.id);
    expect((await getPost(author, { idOrSlug: post.id })).moderation).toMatchObject({ action: "hide", reason: "Duplicate of another post" });
  });

  it("is idempotent: hiding what is hidden answers the current state and writes nothing", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    await moderateContent(moderator, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Spam" });
    await flushCommunity(); // the hide's coalesced forecast.updated, announced after the write
    const [events, logs] = [(await postEvents(post.id)).length, await logRows(scenario.id)];
    const other = await createActor("moderator");
    const again = await moderateContent(other, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Spam too", version: 0 });
    expect(again.entry).toBeNull();
    expect(again.target).toMatchObject({ status: "hidden", moderation: { reason: "Spam", version: 1 } });
    await flushCommunity(); // nothing changed, so nothing is pending either
    expect((await postEvents(post.id)).length).toBe(events);
    expect(await logRows(scenario.id)).toBe(logs);
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
  });

  it("answers 409 naming who did what when the target moved past the version the moderator loaded", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    const first = await createActor("moderator");
    await moderateContent(first, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Needs sources", version: 0 });
    await moderateContent(first, { targetType: "scenario", targetId: scenario.id, action: "restore", reason: "Sources added", version: 1 });
    await moderateContent(first, { targetType: "scenario", targetId: scenario.id, action: "lock", reason: "Heated", version: 2 });
    // The second moderator loaded it hidden (version 1); meanwhile it was restored, then locked. Restoring is in
    // effect already (200, nothing written); unlocking from version 1 conflicts.
    expect((await moderateContent(moderator, { targetType: "scenario", targetId: scenario.id, action: "restore", reason: "Fine", version: 1 })).entry).toBeNull();
    const stale = moderateContent(moderator, { targetType: "scenario", targetId: scenario.id, action: "unlock", reason: "Calm now", version: 1 });
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining(`@${first.actor.handle} locked it`) });
    await expect(stale).rejects.toMatchObject({ message: expect.stringContaining("Heated") });
    expect(await logRows(scenario.id)).toBe(3);
  });

  it("lets two moderators hiding at once end with one change, one log row and one event", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    const others = await Promise.all([createActor("moderator"), createActor("moderator"), createActor("moderator")]);
    const results = await Promise.all(others.map((m) => moderateContent(m, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Spam", version: 0 })));
    expect(results.filter((r) => r.entry !== null)).toHaveLength(1);
    expect(await logRows(scenario.id)).toBe(1);
    expect((await postEvents(post.id)).filter((e) => e.type === "content.hidden")).toHaveLength(1);
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
  });
});

describe("lock and unlock", () => {
  it("makes a locked post refuse new scenarios, replies, votes and forecasts with a clear Locked, moderators exempt", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    await moderateContent(moderator, { targetType: "post", targetId: post.id, action: "lock", reason: "Cooling off" });
    expect((await getPost(reader, { idOrSlug: post.id })).locked).toBe(true);
    // Each attempt starts only when it is awaited: a refusal is never left unhandled while another is checked.
    const attempts = [
      () => createScenario(reader, { postId: post.id, title: "Too late", body: "x" }),
      () => createReply(reader, { scenarioId: scenario.id, body: "Too late" }),
      () => castVote(reader, { scenarioId: scenario.id, value: 1 }),
      () => submitForecast(reader, { postId: post.id, probabilities: { [scenario.id]: 50, other: 50 } }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "locked", message: expect.stringContaining("This post is locked") });
    expect(await outcome(createReply(moderator, { scenarioId: scenario.id, body: "Moderator note" }))).toBe("ok");
    await moderateContent(moderator, { targetType: "post", targetId: post.id, action: "unlock", reason: "Calmer" });
    expect(await outcome(createReply(reader, { scenarioId: scenario.id, body: "Back again" }))).toBe("ok");
    expect((await postEvents(post.id)).map((e) => e.type)).toEqual(expect.arrayContaining(["post.locked", "post.unlocked"]));
  });

  it("makes a locked scenario refuse replies and votes while the post stays open", async () => {
    const post = await addPost();
    const [locked, open] = [await scenarioOn(post.id), await scenarioOn(post.id)];
    const result = await moderateContent(moderator, { targetType: "scenario", targetId: locked.id, action: "lock", reason: "Flame war" });
    expect(result.target).toMatchObject({ locked: true });
    await expect(createReply(reader, { scenarioId: locked.id, body: "More flames" })).rejects.toMatchObject({ code: "locked", message: expect.stringContaining("This scenario is locked") });
    await expect(castVote(reader, { scenarioId: locked.id, value: -1 })).rejects.toMatchObject({ code: "locked" });
    expect(await outcome(createReply(reader, { scenarioId: open.id, body: "Elsewhere" }))).toBe("ok");
    expect(await outcome(scenarioOn(post.id, reader))).toBe("ok");
    const event = (await postEvents(post.id)).find((e) => e.type === "scenario.locked")!;
    expect(event.data).toMatchObject({ targetId: locked.id, locked: true });
  });
});

describe("pin and unpin", () => {
  it("puts pinned scenarios first in every sort, at most a few per post", async () => {
    const post = await addPost();
    const all = [];
    for (let i = 0; i < maxPinsPerPost + 2; i++) all.push(await scenarioOn(post.id));
    await castVote(reader, { scenarioId: all[0]!.id, value: 1 });
    const pinned = all.slice(1, 1 + maxPinsPerPost);
    for (const s of pinned) await moderateContent(moderator, { targetType: "scenario", targetId: s.id, action: "pin", reason: "Read these first" });
    for (const sort of scenarioSorts) {
      const ids = (await listScenarios(reader, { postId: post.id, sort })).scenarios.map((s) => s.id);
      expect(new Set(ids.slice(0, maxPinsPerPost))).toEqual(new Set(pinned.map((s) => s.id)));
    }
    await expect(moderateContent(moderator, { targetType: "scenario", targetId: all.at(-1)!.id, action: "pin", reason: "One more" })).rejects.toMatchObject({ code: "conflict" });
    await moderateContent(moderator, { targetType: "scenario", targetId: pinned[0]!.id, action: "unpin", reason: "Done" });
    expect(await outcome(moderateContent(moderator, { targetType: "scenario", targetId: all.at(-1)!.id, action: "pin", reason: "Now it fits" }))).toBe("ok");
    const types = (await postEvents(post.id)).map((e) => e.type);
    expect(types.filter((t) => t === "scenario.pinned")).toHaveLength(maxPinsPerPost + 1);
    expect(types).toContain("scenario.unpinned");
  });
});

describe("who may act, and bad input", () => {
  it("refuses members, suspended moderators and anonymous callers, and bad pairs or reasons, writing nothing", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    const reply = await createReply(author, { scenarioId: scenario.id, body: "Reply" });
    const suspended = await createActor("moderator", { suspendedUntil: new Date(Date.now() + 3_600_000) });
    const hide = { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "x" };
    expect(await outcome(moderateContent(anonymous, hide))).toBe("Unauthenticated");
    expect(await outcome(moderateContent(reader, hide))).toBe("Forbidden");
    expect(await outcome(moderateContent(author, hide))).toBe("Forbidden");
    expect(await outcome(moderateContent(suspended, hide))).toBe("Suspended");
    for (const bad of [
      { ...hide, reason: undefined },
      { ...hide, reason: "   " },
      { ...hide, reason: "x".repeat(501) },
      { ...hide, reason: "a\u0000b" },
      { ...hide, action: "delete" },
      { ...hide, targetType: "user" },
      { ...hide, targetId: "x".repeat(10_000) },
      { ...hide, targetId: "a\u0000b" },
      { ...hide, version: -1 },
      { targetType: "reply", targetId: reply.id, action: "lock", reason: "x" },
      { targetType: "post", targetId: post.id, action: "pin", reason: "x" },
    ]) {
      expect(await outcome(moderateContent(moderator, bad))).toBe("ValidationFailed");
    }
    expect(await outcome(moderateContent(moderator, { ...hide, targetId: "no-such-scenario" }))).toBe("NotFound");
    expect(await logRows(scenario.id)).toBe(0);
    expect((await getScenario(reader, { scenarioId: scenario.id })).status).toBe("visible");
  });
});

describe("auto-hide", () => {
  it("hides a target through the same hide when its flags reach the threshold, logged as the forum's own action", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    for (let i = 0; i < 4; i++) await createFlag(await createActor(), { targetType: "scenario", targetId: scenario.id, reason: "spam" });
    expect((await getScenario(reader, { scenarioId: scenario.id })).status).toBe("visible");
    await createFlag(await createActor(), { targetType: "scenario", targetId: scenario.id, reason: "spam" });
    expect(await outcome(getScenario(reader, { scenarioId: scenario.id }))).toBe("NotFound");
    const [row] = await (await getDb()).select().from(moderationLog).where(and(eq(moderationLog.targetId, scenario.id), eq(moderationLog.action, "hide")));
    expect(row).toMatchObject({ actorId: null, targetType: "scenario" });
    expect((await getScenario(moderator, { scenarioId: scenario.id })).moderation).toMatchObject({ action: "hide", by: null, version: 1 });
    expect(await storedContentCounters(post.id)).toEqual(await recountContent(post.id));
    // The hide's own event; the community forecast's recount (coalesced, after the write) may follow it.
    expect((await postEvents(post.id)).filter((e) => e.type !== "forecast.updated").at(-1)!.type).toBe("content.hidden");
  });
});

describe("replay of hidden content", () => {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("gives /events?after=0 and a socket catch-up from seq 0 no trace of hidden text, except to moderators and the author", async () => {
    const post = await addPost();
    const scenario = await createScenario(author, { postId: post.id, title: "Hidden title words", body: "Hidden body words" });
    const visible = await scenarioOn(post.id);
    const reply = await createReply(author, { scenarioId: visible.id, body: "Hidden reply words" });
    await moderateContent(moderator, { targetType: "scenario", targetId: scenario.id, action: "hide", reason: "Hide it" });
    await moderateContent(moderator, { targetType: "reply", targetId: reply.id, action: "hide", reason: "Hide it too" });
    await flushCommunity(); // the hidden scenario leaving the community forecast is one more event
    const total = (await postEvents(post.id)).length;

    for (const who of [anonymous, reader]) {
      const { events } = await listEvents(who, { postId: post.id, after: 0 });
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(JSON.stringify(events)).not.toMatch(/Hidden (title|body|reply) words/);
      expect(events.find((e) => e.type === "scenario.created" && "targetId" in e.data && e.data.targetId === scenario.id)?.data).toEqual({ redacted: true, targetType: "scenario", targetId: scenario.id });
    }
    for (const who of [author, moderator]) expect(JSON.stringify((await listEvents(who, { postId: post.id, after: 0 })).events)).toContain("Hidden reply words");

    const { socket, received } = connectReader(server.url);
    const ack = await subscribe(socket, { postId: post.id, after: 0 });
    expect(ack).toMatchObject({ ok: true, lastSeq: total });
    await waitFor(() => received.length === total);
    expect(JSON.stringify(received)).not.toMatch(/Hidden (title|body|reply) words/);
    socket.disconnect();

    const token = (await issueTokenToMember(author, { label: "replay" })).token;
    const authorView = await api(server.url).get(`/api/v1/posts/${post.id}/events?after=0`, { token });
    expect(authorView.text).toContain("Hidden title words");
    const anonymousView = await api(server.url).get(`/api/v1/posts/${post.id}/events?after=0`);
    expect(anonymousView.text).not.toMatch(/Hidden (title|body|reply) words/);
  });

  it("serves the actions over HTTP, resolve at its new path and its old one", async () => {
    const post = await addPost();
    const scenario = await scenarioOn(post.id);
    const client = api(server.url);
    const token = (await issueTokenToMember(moderator, { label: "mod" })).token;
    const memberToken = (await issueTokenToMember(reader, { label: "member" })).token;
    const hide = await client.post(`/api/v1/mod/scenario/${scenario.id}/hide`, { reason: "Spam" }, { token });
    expect(hide.status).toBe(200);
    expect(hide.body).toMatchObject({ target: { id: scenario.id, status: "hidden" }, entry: { action: "hide", reason: "Spam" } });
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/hide`, { reason: "Spam" }, { token })).body.entry).toBeNull();
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/restore`, { reason: "x", version: 0 }, { token })).status).toBe(409);
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/explode`, { reason: "x" }, { token })).body.error.code).toBe("validation_failed");
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/restore`, {}, { token })).status).toBe(400);
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/restore`, { reason: "x" }, { token: memberToken })).status).toBe(403);
    expect((await client.post(`/api/v1/mod/scenario/${scenario.id}/restore`, { reason: "x" })).status).toBe(401);
    for (const path of [`/api/v1/mod/post/${post.id}/resolve`, `/api/v1/mod/posts/${(await addPost()).id}/resolve`]) {
      const resolved = await client.post(path, { outcome: "annulled", note: "Question withdrawn" }, { token });
      expect(resolved.status).toBe(200);
      expect(resolved.body.resolution).toMatchObject({ outcome: "annulled" });
    }
  });
});
