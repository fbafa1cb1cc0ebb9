import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog, posts } from "@/db/schema";
import { anonymous, type Context } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { listContributions } from "@/lib/forum/contributions";
import { getPost } from "@/lib/forum/posts";
import { createScenario, getScenario, listScenarios } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { listEvents } from "@/lib/live/events";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { setContestMode } from "@/lib/moderation/contest-mode";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome, postEvents, readPost } from "../support/forum";
import { api } from "../support/http";
import { connectReader, startLiveServer, subscribe, waitFor } from "../support/live-server";

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

/** A post with `count` scenarios by one author, each voted up by a different number of members (so "best" is a fixed order). */
async function votedPost(count = 12) {
  const post = await addPost();
  const author = await createActor();
  const voters = await Promise.all(Array.from({ length: count }, () => createActor()));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = await createScenario(author, { postId: post.id, title: `Way number ${i}`, body: `Body ${i}` });
    for (const voter of voters.slice(0, i)) await castVote(voter, { scenarioId: scenario.id, value: 1 });
    ids.push(scenario.id);
  }
  return { post, author, voters, ids };
}

/** The whole order this reader gets, page by page. */
async function orderFor(ctx: Context, postId: string, sort: "best" | "top" | "new" = "best"): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listScenarios(ctx, { postId, sort, limit: 5, cursor });
    ids.push(...page.scenarios.map((s) => s.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Ends contest mode as if its time had come, without waiting for it. */
async function letItRunOut(postId: string) {
  await (await getDb()).update(posts).set({ contestUntil: new Date(Date.now() - 1000) }).where(eq(posts.id, postId));
}

const logRows = (postId: string) => countRows(moderationLog, and(eq(moderationLog.targetId, postId), eq(moderationLog.action, "contest_mode")));

describe("setContestMode", () => {
  it("sets contest mode with a log row and a post.updated event, repeating it writes nothing, and off is logged too", async () => {
    const post = await addPost();
    const mod = await createActor("moderator");
    const until = hours(24);
    const seqBefore = (await readPost(post.id)).lastSeq;
    const result = await setContestMode(mod, { postId: post.id, until, reason: "  Fresh post  " });
    expect(result.post).toEqual({ id: post.id, contestUntil: until });
    expect(result.entry).toMatchObject({ action: "contest_mode", targetType: "post", targetId: post.id, reason: "Fresh post", change: { from: null, to: until } });
    const [row] = await (await getDb()).select().from(moderationLog).where(eq(moderationLog.id, result.entry!.id));
    expect(row).toMatchObject({ actorId: mod.actor.id, action: "contest_mode", reason: "Fresh post", details: { from: null, to: until } });
    const events = (await postEvents(post.id)).filter((e) => e.seq > seqBefore);
    expect(events.map((e) => [e.type, e.data])).toEqual([["post.updated", { post: { id: post.id, contestUntil: until } }]]);
    expect((await getPost(anonymous, { idOrSlug: post.id })).contestUntil).toBe(until);

    expect(await setContestMode(await createActor("admin"), { postId: post.id, until, reason: "Same" })).toEqual({ post: { id: post.id, contestUntil: until }, entry: null });
    expect(await logRows(post.id)).toBe(1);

    const off = await setContestMode(mod, { postId: post.id, until: null, reason: "Enough" });
    expect(off.entry?.change).toEqual({ from: until, to: null });
    expect((await getPost(anonymous, { idOrSlug: post.id })).contestUntil).toBeNull();
    // Off again, or off once it ran out by itself, writes nothing.
    expect((await setContestMode(mod, { postId: post.id, until: null, reason: "Off" })).entry).toBeNull();
    await setContestMode(mod, { postId: post.id, until: hours(1), reason: "Again" });
    await letItRunOut(post.id);
    expect((await setContestMode(mod, { postId: post.id, until: null, reason: "Off" })).entry).toBeNull();
    expect(await logRows(post.id)).toBe(3);
  });

  it("is for moderators and admins with a reason and a time in the coming week; bad input writes nothing", async () => {
    const post = await addPost();
    const mod = await createActor("moderator");
    expect(await outcome(setContestMode(anonymous, { postId: post.id, until: hours(6), reason: "r" }))).toBe("Unauthenticated");
    expect(await outcome(setContestMode(await createActor(), { postId: post.id, until: hours(6), reason: "r" }))).toBe("Forbidden");
    expect(await outcome(setContestMode(await createActor("moderator", { suspendedUntil: new Date(Date.now() + 3_600_000) }), { postId: post.id, until: hours(6), reason: "r" }))).toBe("Suspended");
    for (const bad of [
      { postId: post.id, until: hours(6) },
      { postId: post.id, until: hours(6), reason: "  " },
      { postId: post.id, until: hours(6), reason: "x".repeat(501) },
      { postId: post.id, reason: "r" },
      { postId: post.id, until: hours(-1), reason: "r" },
      { postId: post.id, until: hours(169), reason: "r" },
      { postId: post.id, until: "tomorrow", reason: "r" },
      { postId: post.id, until: Date.now() + 3_600_000, reason: "r" },
      { postId: "bad\u0000id", until: hours(6), reason: "r" },
      { postId: "x".repeat(10_000), until: hours(6), reason: "r" },
    ]) {
      expect(await outcome(setContestMode(mod, bad))).toBe("ValidationFailed");
    }
    expect(await outcome(setContestMode(mod, { postId: "no-such-post", until: hours(6), reason: "r" }))).toBe("NotFound");
    expect((await readPost(post.id)).contestUntil).toBeNull();
    expect(await countRows(moderationLog, eq(moderationLog.targetId, post.id))).toBe(0);
    expect(await postEvents(post.id)).toEqual([]);
  });
});

describe("a post in contest mode", () => {
  it("gives each reader their own order, the same on every read and in every sort, and the usual order once it ends", async () => {
    const { post, voters } = await votedPost();
    const best = await orderFor(anonymous, post.id);
    await setContestMode(await createActor("moderator"), { postId: post.id, until: hours(6), reason: "Fresh post" });
    const [first, second] = [voters[0]!, voters[1]!];
    const mine = await orderFor(first, post.id);
    expect(mine).toHaveLength(12);
    expect(new Set(mine)).toEqual(new Set(best));
    expect(await orderFor(first, post.id)).toEqual(mine);
    expect(await orderFor(first, post.id, "top")).toEqual(mine);
    expect(await orderFor(first, post.id, "new")).toEqual(mine);
    // Two shuffles of twelve agree by chance once in 479 million.
    expect(await orderFor(second, post.id)).not.toEqual(mine);
    expect(mine).not.toEqual(best);
    // Anonymous readers share one order (the page cache serves them one page anyway), stable too.
    expect(await orderFor(anonymous, post.id)).toEqual(await orderFor(anonymous, post.id));

    await letItRunOut(post.id);
    expect(await orderFor(first, post.id)).toEqual(best);
    expect(await orderFor(second, post.id)).toEqual(best);
  });

  it("hides scores from members and anonymous readers in lists, objects, votes and profiles, not from moderators, until it ends", async () => {
    const { post, author, voters, ids } = await votedPost(4);
    const until = hours(6);
    await setContestMode(await createActor("moderator"), { postId: post.id, until, reason: "Fresh post" });
    const top = ids[3]!;
    const mod = await createActor("moderator");
    const admin = await createActor("admin");
    const withheld = { score: null, up: null, down: null, contestUntil: until };
    for (const reader of [anonymous, voters[0]!, author]) {
      const listed = (await listScenarios(reader, { postId: post.id })).scenarios;
      expect(listed.every((s) => s.score === null && s.up === null && s.down === null && s.contestUntil === until)).toBe(true);
      expect(await getScenario(reader, { scenarioId: top })).toMatchObject(withheld);
    }
    for (const staff of [mod, admin]) {
      expect(await getScenario(staff, { scenarioId: top })).toMatchObject({ score: 3, up: 3, down: 0, contestUntil: until });
      expect((await listScenarios(staff, { postId: post.id })).scenarios.map((s) => s.score).sort()).toEqual([0, 1, 2, 3]);
    }
    expect(await castVote(voters[3]!, { scenarioId: top, value: 1 })).toEqual({ score: null, up: null, down: null, myVote: 1 });
    expect(await castVote(mod, { scenarioId: top, value: -1 })).toEqual({ score: 3, up: 4, down: 1, myVote: -1 });
    expect((await listContributions(voters[0]!, { userId: author.actor.id })).scenarios.every((s) => s.score === null)).toBe(true);
    expect((await listContributions(mod, { userId: author.actor.id })).scenarios.find((s) => s.id === top)?.score).toBe(3);

    await letItRunOut(post.id);
    expect(await getScenario(voters[0]!, { scenarioId: top })).toMatchObject({ score: 3, up: 4, down: 1, contestUntil: null });
    expect((await getPost(anonymous, { idOrSlug: post.id })).contestUntil).toBeNull();
    expect((await castVote(voters[3]!, { scenarioId: top, value: 0 })).score).toBe(2);
  });

  it("withholds the votes in live events and in the catch-up from everyone but moderators", async () => {
    const server = await startLiveServer();
    try {
      const { post, voters, ids } = await votedPost(2);
      await setContestMode(await createActor("moderator"), { postId: post.id, until: hours(6), reason: "Fresh post" });
      await flushVoteTotals(); // the setup's votes are announced before the readers arrive
      const mod = await createActor("moderator");
      const modToken = (await issueTokenToMember(mod, { label: "t" })).token;
      const memberToken = (await issueTokenToMember(voters[0]!, { label: "t" })).token;
      const readers = { anonymous: connectReader(server.url), member: connectReader(server.url, { token: memberToken }), moderator: connectReader(server.url, { token: modToken }) };
      for (const reader of Object.values(readers)) expect((await subscribe(reader.socket, { postId: post.id })).ok).toBe(true);
      await castVote(voters[1]!, { scenarioId: ids[0]!, value: 1 });
      await flushVoteTotals();
      const voted = (reader: (typeof readers)[keyof typeof readers]) => reader.received.find((e) => e.type === "scenario.voted");
      await waitFor(() => Object.values(readers).every((reader) => voted(reader) !== undefined));
      expect(voted(readers.moderator)!.data.scenarios).toEqual([{ id: ids[0], score: 1, up: 1, down: 0 }]);
      for (const reader of [readers.anonymous, readers.member]) expect(voted(reader)!.data.scenarios).toEqual([{ id: ids[0], score: null, up: null, down: null }]);
      for (const reader of Object.values(readers)) reader.socket.disconnect();

      // The catch-up, over HTTP and from seq 0: no vote count for a member, every one for a moderator.
      const client = api(server.url);
      const carried = (events: { data: Record<string, unknown> }[]) =>
        events.flatMap((e) => [e.data.scenario, ...((e.data.scenarios as unknown[] | undefined) ?? [])]).filter(Boolean) as { score: number | null }[];
      const memberEvents = (await client.get(`/api/v1/posts/${post.id}/events?after=0`, { token: memberToken })).body.events;
      expect(carried(memberEvents).length).toBeGreaterThan(2);
      expect(carried(memberEvents).every((s) => s.score === null)).toBe(true);
      expect(carried((await listEvents(mod, { postId: post.id })).events).some((s) => typeof s.score === "number" && s.score > 0)).toBe(true);
      await letItRunOut(post.id);
      expect(carried((await listEvents(voters[0]!, { postId: post.id })).events).some((s) => typeof s.score === "number" && s.score > 0)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("answers over HTTP: the moderator's action, contestUntil on the post and the scenarios, null scores for members, 4xx for bad input", async () => {
    const server = await startLiveServer();
    try {
      const client = api(server.url);
      const { post, voters, ids } = await votedPost(2);
      const modToken = (await issueTokenToMember(await createActor("moderator"), { label: "t" })).token;
      const memberToken = (await issueTokenToMember(voters[0]!, { label: "t" })).token;
      const path = `/api/v1/mod/post/${post.id}/contest-mode`;
      const until = hours(72);
      const set = await client.post(path, { until, reason: "Fresh post" }, { token: modToken });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ post: { id: post.id, contestUntil: until }, entry: { action: "contest_mode", reason: "Fresh post" } });
      expect((await client.post(path, { until, reason: "r" }, { token: memberToken })).status).toBe(403);
      expect((await client.post(path, { until, reason: "r" })).status).toBe(401);
      for (const body of [{ until }, { until: hours(-2), reason: "r" }, { until: "soon", reason: "r" }, { reason: "r" }]) {
        const refused = await client.post(path, body, { token: modToken });
        expect([refused.status, refused.body.error.code]).toEqual([400, "validation_failed"]);
      }
      expect((await client.post(`/api/v1/mod/post/no-such-post/contest-mode`, { until, reason: "r" }, { token: modToken })).status).toBe(404);
      expect((await client.get(`/api/v1/posts/${post.id}`)).body.post.contestUntil).toBe(until);
      const listed = (await client.get(`/api/v1/posts/${post.id}/scenarios`, { token: memberToken })).body.scenarios;
      expect(listed.map((s: { score: unknown; contestUntil: unknown }) => [s.score, s.contestUntil])).toEqual([[null, until], [null, until]]);
      expect((await client.get(`/api/v1/scenarios/${ids[1]}`, { token: modToken })).body.scenario.score).toBe(1);
      const vote = await client.put(`/api/v1/scenarios/${ids[1]}/vote`, { value: 1 }, { token: (await issueTokenToMember(voters[1]!, { label: "t" })).token });
      expect([vote.status, vote.body]).toEqual([200, { score: null, up: null, down: null, myVote: 1 }]);
      expect(await logRows(post.id)).toBe(1);
    } finally {
      await server.close();
    }
  });
});
