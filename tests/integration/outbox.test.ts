import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replies, scenarios, type Post } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { createReply } from "@/lib/forum/replies";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { createScenario, updateScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { listEvents } from "@/lib/live/events";
import type { LiveEvent } from "@/lib/live/event-types";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome, postEvents, readPost, seededRandom } from "../support/forum";

afterAll(() => flushVoteTotals());

describe("the outbox under concurrent writes", () => {
  let post: Post;
  let quiet: Post;
  let total: number;
  let written: { scenarios: number; replies: number; updates: number };

  beforeAll(async () => {
    post = await addPost();
    quiet = await addPost();
    const random = seededRandom(99);
    // A few scenarios to argue under, made one by one.
    const starters: ScenarioView[] = [];
    for (let i = 0; i < 3; i++) starters.push(await createScenario(await createActor(), { postId: post.id, title: `Starter ${i}`, body: `Starter body ${i}` }));
    const members = await Promise.all(Array.from({ length: 24 }, () => createActor()));
    // Everyone at once: each member proposes a scenario, replies twice, edits their scenario, and votes.
    const results = await Promise.all(
      members.map(async (member, i) => {
        const mine = await createScenario(member, { postId: post.id, title: `Concurrent ${i}`, body: `Concurrent body ${i}` });
        const target = starters[Math.floor(random() * starters.length)]!;
        const first = await createReply(member, { scenarioId: target.id, body: `Reply ${i}`, stance: "supports" });
        await Promise.all([
          createReply(member, { scenarioId: target.id, parentId: first.id, body: `Follow-up ${i}` }),
          updateScenario(member, { scenarioId: mine.id, body: `Edited body ${i}` }),
          castVote(member, { scenarioId: target.id, value: 1 }),
        ]);
        return mine;
      }),
    );
    // Votes are announced coalesced; announce what is pending so it is in the outbox too.
    await flushVoteTotals();
    written = { scenarios: 3 + results.length, replies: 2 * members.length, updates: members.length };
    total = (await readPost(post.id)).lastSeq;
  });

  it("numbers the post's events 1..N without gaps or duplicates, N being the post's lastSeq", async () => {
    const outbox = await postEvents(post.id);
    expect(outbox.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(outbox.every((e) => e.postId === post.id)).toBe(true);
  });

  it("holds exactly one event per write, each naming what it announces", async () => {
    const outbox = await postEvents(post.id);
    const byType = (type: string) => outbox.filter((e) => e.type === type);
    expect(byType("scenario.created")).toHaveLength(written.scenarios);
    expect(byType("reply.created")).toHaveLength(written.replies);
    expect(byType("scenario.updated")).toHaveLength(written.updates);
    expect(byType("scenario.voted").length).toBeGreaterThanOrEqual(1);
    expect(outbox).toHaveLength(written.scenarios + written.replies + written.updates + byType("scenario.voted").length);

    const createdIds = byType("scenario.created").map((e) => (e.data.scenario as { id: string }).id);
    const rows = await countRows(scenarios, eq(scenarios.postId, post.id));
    expect(new Set(createdIds).size).toBe(rows);
    const replyIds = byType("reply.created").map((e) => (e.data.reply as { id: string }).id);
    expect(new Set(replyIds).size).toBe(await countRows(replies, eq(replies.postId, post.id)));
  });

  it("announces a scenario's creation before its edit", async () => {
    const outbox = await postEvents(post.id);
    const createdAt = new Map(outbox.filter((e) => e.type === "scenario.created").map((e) => [(e.data.scenario as { id: string }).id, e.seq]));
    for (const update of outbox.filter((e) => e.type === "scenario.updated")) {
      expect(createdAt.get((update.data.scenario as { id: string }).id)).toBeLessThan(update.seq);
    }
  });

  it("leaves other posts' sequences alone", async () => {
    expect((await readPost(quiet.id)).lastSeq).toBe(0);
    expect(await listEvents(anonymous, { postId: quiet.id })).toEqual({ events: [], lastSeq: 0 });
  });

  it.each([0, 1, 17, "total-1", "total"] as const)("lists exactly the events after %s, in order, with lastSeq", async (from) => {
    const after = from === "total" ? total : from === "total-1" ? total - 1 : from;
    const stored = (await postEvents(post.id)).filter((e) => e.seq > after);
    const { events, lastSeq } = await listEvents(anonymous, { postId: post.id, after, limit: 1000 });
    expect(lastSeq).toBe(total);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total - after }, (_, i) => after + i + 1));
    expect(events).toEqual(stored.map((e) => ({ postId: e.postId, seq: e.seq, type: e.type, at: e.createdAt.toISOString(), data: e.data })));
  });

  it("pages by limit so a reader who keeps asking from its last seq gets every event exactly once", async () => {
    const seen: LiveEvent[] = [];
    let after = 0;
    for (let rounds = 0; rounds < 100; rounds++) {
      const page = await listEvents(anonymous, { postId: post.id, after, limit: 7 });
      expect(page.events.length).toBeLessThanOrEqual(7);
      expect(page.lastSeq).toBe(total);
      if (page.events.length === 0) break;
      seen.push(...page.events);
      after = page.events.at(-1)!.seq;
    }
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it("defaults to after=0 and at most 200 events, and reads query-string numbers", async () => {
    const all = await listEvents(anonymous, { postId: post.id });
    expect(all.events[0]!.seq).toBe(1);
    expect(all.events).toHaveLength(Math.min(200, total));
    const fromQuery = await listEvents(anonymous, { postId: post.id, after: "5", limit: "3" });
    expect(fromQuery.events.map((e) => e.seq)).toEqual([6, 7, 8]);
    expect((await listEvents(anonymous, { postId: post.id, after: total + 100 })).events).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["after = -1", { after: -1 }],
    ["after = 1.5", { after: 1.5 }],
    ["after = 'abc'", { after: "abc" }],
    ["after = '1e400'", { after: "1e400" }],
    ["after = [1, 2]", { after: [1, 2] }],
    ["limit = 0", { limit: 0 }],
    ["limit = 1001", { limit: 1001 }],
    ["limit = 'many'", { limit: "many" }],
    ["limit = -5", { limit: -5 }],
    ["an empty postId", { postId: "" }],
    ["a postId of 201 characters", { postId: "p".repeat(201) }],
  ])("rejects %s with ValidationFailed", async (_label, input) => {
    expect(await outcome(listEvents(anonymous, { postId: post.id, ...input }))).toBe("ValidationFailed");
  });

  it("answers NotFound for an unknown post, and for a hidden post unless a moderator asks", async () => {
    expect(await outcome(listEvents(anonymous, { postId: "no-such-post" }))).toBe("NotFound");
    const hidden = await addPost({ status: "hidden" });
    expect(await outcome(listEvents(anonymous, { postId: hidden.id }))).toBe("NotFound");
    expect(await outcome(listEvents(await createActor(), { postId: hidden.id }))).toBe("NotFound");
    expect(await listEvents(await createActor("moderator"), { postId: hidden.id })).toEqual({ events: [], lastSeq: 0 });
  });

  it("answers a NUL in the post id as bad input, not as a database error", async () => {
    expect(await outcome(listEvents(anonymous, { postId: "post\u0000" }))).toMatch(/^(ValidationFailed|NotFound)$/);
  });
});
