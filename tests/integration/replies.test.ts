import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, idempotencyKeys, replies, replyRevisions, scenarios, type Post } from "@/db/schema";
import { anonymous, type Actor, type Context } from "@/lib/auth/actor";
import { RateLimited, ValidationFailed } from "@/lib/errors";
import { getDraft, saveDraft } from "@/lib/forum/drafts";
import { createReply, listReplies, tallyStances, updateReply } from "@/lib/forum/replies";
import { replyDraftKey } from "@/lib/rules/draft-keys";
import type { ReplyView } from "@/lib/forum/reply-view";
import { createScenario, getScenario } from "@/lib/forum/scenarios";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome, postEvents, readPost, setPost, staggered } from "../support/forum";

type Member = Context & { actor: Actor };
const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let serial = 0;
const text = (what = "Reply") => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

async function newScenario(post: Post, author?: Member) {
  return createScenario(author ?? (await createActor()), { postId: post.id, title: text("Scenario"), body: "Under debate" });
}

/** Everything a failed reply could have touched under a scenario. */
async function footprint(scenarioId: string, postId: string) {
  const [scenario] = await (await getDb()).select().from(scenarios).where(eq(scenarios.id, scenarioId));
  return {
    replies: await countRows(replies, eq(replies.scenarioId, scenarioId)),
    replyCount: scenario!.replyCount,
    lastActivityAt: scenario!.lastActivityAt.getTime(),
    events: await countRows(events, eq(events.postId, postId)),
    idempotencyKeys: await countRows(idempotencyKeys),
  };
}

async function allReplies(ctx: Context, scenarioId: string): Promise<ReplyView[]> {
  return (await listReplies(ctx, { scenarioId, limit: 200 })).replies;
}

describe("createReply", () => {
  let post: Post;
  let member: Member;
  beforeAll(async () => {
    post = await addPost();
    member = await createActor();
  });

  it("adds a root reply with the contract's shape, moves replyCount and lastActivityAt, and announces it", async () => {
    const scenario = await newScenario(post);
    const before = await readPost(post.id);
    const reply = await createReply(member, { scenarioId: scenario.id, body: "I **doubt** it <script>x()</script> [link](javascript:x())", stance: "challenges" });
    expect(Object.keys(reply).sort()).toEqual(["author", "body", "createdAt", "depth", "editedAt", "html", "id", "parentId", "scenarioId", "stance", "status"]);
    expect(reply).toMatchObject({
      scenarioId: scenario.id,
      parentId: null,
      depth: 0,
      body: "I **doubt** it <script>x()</script> [link](javascript:x())",
      stance: "challenges",
      author: { id: member.actor.id, handle: member.actor.handle, name: member.actor.name },
      status: "visible",
      editedAt: null,
    });
    expect(reply.createdAt).toMatch(iso);
    expect(reply.html).toContain("<strong>doubt</strong>");
    expect(reply.html).not.toMatch(/<script|javascript:|<[^>]*\son\w+=/i);

    const after = await getScenario(anonymous, { scenarioId: scenario.id });
    expect(after.replyCount).toBe(1);
    expect(Date.parse(after.lastActivityAt)).toBe(Date.parse(reply.createdAt));
    const [event] = (await postEvents(post.id)).filter((e) => e.seq > before.lastSeq);
    expect(event).toMatchObject({ seq: before.lastSeq + 1, type: "reply.created", data: { reply, replyCount: 1 } });
  });

  it("defaults the stance to neutral and nests replies under replies", async () => {
    const scenario = await newScenario(post);
    const root = await createReply(member, { scenarioId: scenario.id, body: text() });
    const child = await createReply(await createActor(), { scenarioId: scenario.id, parentId: root.id, body: text(), stance: "question" });
    const grandchild = await createReply(member, { scenarioId: scenario.id, parentId: child.id, body: text(), stance: "evidence" });
    expect([root.stance, root.depth, root.parentId]).toEqual(["neutral", 0, null]);
    expect([child.depth, child.parentId]).toEqual([1, root.id]);
    expect([grandchild.depth, grandchild.parentId]).toEqual([2, child.id]);
    expect((await getScenario(anonymous, { scenarioId: scenario.id })).replyCount).toBe(3);
  });

  it("lists a thread parents before children, siblings oldest first", async () => {
    const scenario = await newScenario(post);
    const say = (body: string, parent?: ReplyView) => createReply(member, { scenarioId: scenario.id, body, parentId: parent?.id });
    // Created interleaved, so creation order and thread order differ.
    const a = await say("A");
    const b = await say("B");
    const a1 = await say("A1", a);
    const b1 = await say("B1", b);
    const a2 = await say("A2", a);
    const a1x = await say("A1x", a1);
    const c = await say("C");
    const a1y = await say("A1y", a1);
    const thread = await allReplies(anonymous, scenario.id);
    expect(thread.map((r) => r.body)).toEqual(["A", "A1", "A1x", "A1y", "A2", "B", "B1", "C"]);
    expect(thread.map((r) => r.depth)).toEqual([0, 1, 2, 2, 1, 0, 1, 0]);
    expect(new Set(thread.map((r) => r.id))).toEqual(new Set([a, b, c, a1, a2, b1, a1x, a1y].map((r) => r.id)));
  });

  it("pages through the thread in order without repeats or gaps", async () => {
    const scenario = await newScenario(post);
    const roots: ReplyView[] = [];
    for (let i = 0; i < 4; i++) roots.push(await createReply(member, { scenarioId: scenario.id, body: `root ${i}` }));
    for (const root of [roots[2]!, roots[0]!, roots[3]!]) {
      const child = await createReply(member, { scenarioId: scenario.id, body: `child of ${root.body}`, parentId: root.id });
      await createReply(member, { scenarioId: scenario.id, body: `grandchild of ${root.body}`, parentId: child.id });
    }
    const whole = (await allReplies(anonymous, scenario.id)).map((r) => r.id);
    expect(whole).toHaveLength(10);
    for (const limit of [1, 3, 4, 10]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listReplies(anonymous, { scenarioId: scenario.id, limit, cursor });
        seen.push(...page.replies.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen).toEqual(whole);
      expect(pages).toBe(Math.ceil(10 / limit));
    }
    expect((await listReplies(anonymous, { scenarioId: scenario.id })).nextCursor).toBeNull();
  });

  it("refuses a parent from another scenario with ValidationFailed, storing nothing", async () => {
    const [one, two] = [await newScenario(post), await newScenario(post)];
    const elsewhere = await createReply(member, { scenarioId: two.id, body: text() });
    const before = await footprint(one.id, post.id);
    const error = await createReply(member, { scenarioId: one.id, parentId: elsewhere.id, body: text() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details.map((d) => d.path)).toEqual(["parentId"]);
    expect(await outcome(createReply(member, { scenarioId: one.id, parentId: "no-such-reply", body: text() }))).toBe("ValidationFailed");
    expect(await footprint(one.id, post.id)).toEqual(before);
  });

  it("clears the member's draft for exactly that reply box", async () => {
    const scenario = await newScenario(post);
    const root = await createReply(member, { scenarioId: scenario.id, body: text() });
    await saveDraft(member, { key: replyDraftKey(scenario.id, null), content: { body: "root draft" } });
    await saveDraft(member, { key: replyDraftKey(scenario.id, root.id), content: { body: "nested draft" } });
    await createReply(member, { scenarioId: scenario.id, parentId: root.id, body: text() });
    expect(await getDraft(member, { key: replyDraftKey(scenario.id, root.id) })).toBeNull();
    expect((await getDraft(member, { key: replyDraftKey(scenario.id, null) }))?.content).toEqual({ body: "root draft" });
    await createReply(member, { scenarioId: scenario.id, body: text() });
    expect(await getDraft(member, { key: replyDraftKey(scenario.id, null) })).toBeNull();
  });

  it("refuses the same text from the same member within five minutes with Conflict", async () => {
    const scenario = await newScenario(post);
    await createReply(member, { scenarioId: scenario.id, body: "هذا السيناريو مستبعد" });
    const before = await footprint(scenario.id, post.id);
    for (const body of ["هذا السيناريو مستبعد", "هَذا  السِّيناريو مُستبعد", "  هذا السيناريو\nمستبعد\u200b"]) {
      expect(await outcome(createReply(member, { scenarioId: scenario.id, body }))).toBe("Conflict");
    }
    expect(await footprint(scenario.id, post.id)).toEqual(before);
    expect(await outcome(createReply(await createActor(), { scenarioId: scenario.id, body: "هذا السيناريو مستبعد" }))).toBe("ok");
    expect(await outcome(createReply(member, { scenarioId: (await newScenario(post)).id, body: "هذا السيناريو مستبعد" }))).toBe("ok");
  });

  it("keeps one of a double submit racing without an Idempotency-Key and refuses the rest with Conflict", async () => {
    const scenario = await newScenario(post);
    for (let round = 0; round < 4; round++) {
      const clicker = await createActor();
      const before = await footprint(scenario.id, post.id);
      const results = await staggered(12, () => createReply(clicker, { scenarioId: scenario.id, body: "clicked twice" }));
      expect(results.filter((r) => typeof r !== "string"), `round ${round}: ${results.filter((r) => typeof r === "string").join(", ")}`).toHaveLength(1);
      expect(results.filter((r) => r === "Conflict")).toHaveLength(11);
      expect(await footprint(scenario.id, post.id)).toMatchObject({ replies: before.replies + 1, replyCount: before.replyCount + 1, events: before.events + 1 });
    }
  });

  it("returns the first result again for a repeated Idempotency-Key, creating one reply even when racing", async () => {
    const scenario = await newScenario(post);
    const key = `reply-${text()}`;
    const first = await createReply(member, { scenarioId: scenario.id, body: text(), idempotencyKey: key });
    expect(await createReply(member, { scenarioId: scenario.id, body: text(), idempotencyKey: key })).toEqual(first);

    for (let round = 0; round < 6; round++) {
      const racer = await createActor();
      const raceKey = `race-${text()}`;
      const before = await footprint(scenario.id, post.id);
      // Retries spread over the first call's lifetime, as a flaky network would send them.
      const results = await staggered(25, () => createReply(racer, { scenarioId: scenario.id, body: "raced reply", idempotencyKey: raceKey }));
      const ids = results.map((r) => (typeof r === "string" ? r : r.id));
      expect(new Set(ids).size, `round ${round}: ${[...new Set(ids)].join(", ")}`).toBe(1);
      for (const result of results) expect(result).toEqual(results[0]);
      const after = await footprint(scenario.id, post.id);
      expect(after).toMatchObject({ replies: before.replies + 1, replyCount: before.replyCount + 1, events: before.events + 1, idempotencyKeys: before.idempotencyKeys + 1 });
    }
  });

  it("announces each reply with the reply count it brought the scenario to, even when replies race", async () => {
    const busy = await addPost();
    const scenario = await newScenario(busy);
    const repliers = await Promise.all(Array.from({ length: 8 }, () => createActor()));
    await Promise.all(repliers.map((r, i) => createReply(r, { scenarioId: scenario.id, body: `racing reply ${i}` })));
    expect((await getScenario(anonymous, { scenarioId: scenario.id })).replyCount).toBe(8);
    const counts = (await postEvents(busy.id)).filter((e) => e.type === "reply.created").map((e) => e.data.replyCount);
    // In seq order, each event should carry the count after its own insert: 1, 2, …, 8.
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rate limits accounts younger than a day after ten replies", async () => {
    const scenario = await newScenario(post);
    const newcomer = await createActor("member", { createdAt: new Date() });
    for (let i = 0; i < 10; i++) await createReply(newcomer, { scenarioId: scenario.id, body: `newcomer ${i}` });
    const before = await footprint(scenario.id, post.id);
    const limited = await createReply(newcomer, { scenarioId: scenario.id, body: "one too many" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    expect(await footprint(scenario.id, post.id)).toEqual(before);
  });

  it("refuses a locked post with Locked (moderators may still reply), suspended members and anonymous readers", async () => {
    const closed = await addPost();
    const scenario = await newScenario(closed);
    await setPost(closed.id, { isLocked: true });
    const before = await footprint(scenario.id, closed.id);
    expect(await outcome(createReply(member, { scenarioId: scenario.id, body: text() }))).toBe("Locked");
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) });
    expect(await outcome(createReply(suspended, { scenarioId: scenario.id, body: text() }))).toBe("Suspended");
    expect(await outcome(createReply(anonymous, { scenarioId: scenario.id, body: text() }))).toBe("Unauthenticated");
    expect(await footprint(scenario.id, closed.id)).toEqual(before);
    expect(await outcome(createReply(await createActor("moderator"), { scenarioId: scenario.id, body: text() }))).toBe("ok");
  });

  it("treats a hidden scenario as not found for members, and an unknown one as not found", async () => {
    const scenario = await newScenario(post);
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, scenario.id));
    expect(await outcome(createReply(member, { scenarioId: scenario.id, body: text() }))).toBe("NotFound");
    expect(await outcome(listReplies(member, { scenarioId: scenario.id }))).toBe("NotFound");
    expect(await outcome(listReplies(await createActor("moderator"), { scenarioId: scenario.id }))).toBe("ok");
    expect(await outcome(createReply(member, { scenarioId: "no-such-scenario", body: text() }))).toBe("NotFound");
    expect(await outcome(listReplies(anonymous, { scenarioId: "no-such-scenario" }))).toBe("NotFound");
  });

  it.each<[string, Record<string, unknown>]>([
    ["an empty body", { body: "" }],
    ["a whitespace-only body", { body: " \n\t " }],
    ["a zero-width-only body", { body: "\u200b\u2060" }],
    ["a body with a NUL", { body: "a\u0000b" }],
    ["a body with a lone surrogate", { body: "a\udfffb" }],
    ["a body of 10,001 characters", { body: "r".repeat(10_001) }],
    ["a body that is not a string", { body: { text: "hi" } }],
    ["an unknown stance", { stance: "agrees" }],
    ["a parentId that is not a string", { parentId: 3 }],
    ["an empty scenarioId", { scenarioId: "" }],
  ])("rejects %s with ValidationFailed, storing nothing", async (_label, change) => {
    const scenario = await newScenario(post);
    const before = await footprint(scenario.id, post.id);
    expect(await outcome(createReply(member, { scenarioId: scenario.id, body: text(), ...change }))).toBe("ValidationFailed");
    expect(await footprint(scenario.id, post.id)).toEqual(before);
  });

  it("accepts a body of exactly 10,000 characters", async () => {
    const scenario = await newScenario(post);
    expect(await outcome(createReply(member, { scenarioId: scenario.id, body: "ر".repeat(10_000) }))).toBe("ok");
  });
});

describe("hidden replies, stances and listReplies input", () => {
  let post: Post;
  let scenarioId: string;
  let hidden: ReplyView;
  beforeAll(async () => {
    post = await addPost();
    scenarioId = (await newScenario(post)).id;
    const say = async (body: string, stance: string, parentId?: string) => createReply(await createActor(), { scenarioId, body, stance, parentId });
    const root = await say("Supporting evidence", "supports");
    hidden = await say("Rude remark", "challenges", root.id);
    await say("Another challenge", "challenges");
    await say("A question?", "question", hidden.id);
    await say("A source", "evidence");
    await say("Plain", "neutral");
    await (await getDb()).update(replies).set({ status: "hidden" }).where(eq(replies.id, hidden.id));
  });

  it("keeps a hidden reply's place but shows its text to moderators only", async () => {
    for (const ctx of [anonymous, await createActor()]) {
      const thread = await allReplies(ctx, scenarioId);
      const shown = thread.find((r) => r.id === hidden.id)!;
      expect(shown).toMatchObject({ status: "hidden", body: "", html: "" });
      expect(thread.map((r) => r.id).indexOf(hidden.id)).toBe(1);
      expect(JSON.stringify(thread)).not.toContain("Rude remark");
    }
    const moderator = await createActor("moderator");
    expect((await allReplies(moderator, scenarioId)).find((r) => r.id === hidden.id)).toMatchObject({ status: "hidden", body: "Rude remark" });
  });

  it("tallies the stances of visible replies only", async () => {
    expect(await tallyStances(scenarioId)).toEqual({ supports: 1, challenges: 1, question: 1, evidence: 1, neutral: 1 });
    expect(await tallyStances("no-such-scenario")).toEqual({ supports: 0, challenges: 0, question: 0, evidence: 0, neutral: 0 });
  });

  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  it.each<[string, Record<string, unknown>]>([
    ["limit 0", { limit: 0 }],
    ["limit 201", { limit: 201 }],
    ["limit 'x'", { limit: "x" }],
    ["a cursor that is not base64 JSON", { cursor: "%%%" }],
    ["a cursor holding a number", { cursor: cursorOf([5]) }],
    ["a cursor holding a NUL", { cursor: cursorOf(["\u0000"]) }],
    ["a cursor of 201 characters", { cursor: "A".repeat(201) }],
  ])("rejects %s with ValidationFailed", async (_label, input) => {
    expect(await outcome(listReplies(anonymous, { scenarioId, ...input }))).toBe("ValidationFailed");
  });
});

describe("updateReply", () => {
  let post: Post;
  let author: Member;
  beforeAll(async () => {
    post = await addPost();
    author = await createActor();
  });

  it("lets the author edit body and stance, keeping the previous version and announcing the change", async () => {
    const scenario = await newScenario(post);
    const reply = await createReply(author, { scenarioId: scenario.id, body: "First take", stance: "supports" });
    const seq = (await readPost(post.id)).lastSeq;
    const edited = await updateReply(author, { replyId: reply.id, body: "Second *take*", stance: "challenges" });
    expect(edited).toMatchObject({ id: reply.id, body: "Second *take*", stance: "challenges", depth: 0, createdAt: reply.createdAt });
    expect(edited.html).toContain("<em>take</em>");
    expect(edited.editedAt).toMatch(iso);
    await updateReply(author, { replyId: reply.id, stance: "neutral" });
    const revisions = await (await getDb()).select().from(replyRevisions).where(eq(replyRevisions.replyId, reply.id)).orderBy(replyRevisions.createdAt);
    expect(revisions.map((r) => [r.body, r.stance, r.editorId])).toEqual([
      ["First take", "supports", author.actor.id],
      ["Second *take*", "challenges", author.actor.id],
    ]);
    const announced = (await postEvents(post.id)).filter((e) => e.seq > seq);
    expect(announced.map((e) => [e.seq, e.type])).toEqual([[seq + 1, "reply.updated"], [seq + 2, "reply.updated"]]);
    expect((await allReplies(anonymous, scenario.id))[0]).toMatchObject({ body: "Second *take*", stance: "neutral" });
  });

  it("lets a moderator edit, and refuses other members, anonymous readers and the author on a locked post", async () => {
    const closed = await addPost();
    const scenario = await newScenario(closed);
    const reply = await createReply(author, { scenarioId: scenario.id, body: "Keep me" });
    expect(await outcome(updateReply(await createActor(), { replyId: reply.id, body: "Hijacked" }))).toBe("Forbidden");
    expect(await outcome(updateReply(anonymous, { replyId: reply.id, body: "Hijacked" }))).toBe("Unauthenticated");
    await setPost(closed.id, { isLocked: true });
    expect(await outcome(updateReply(author, { replyId: reply.id, body: "Too late" }))).toBe("Locked");
    expect(await countRows(replyRevisions, eq(replyRevisions.replyId, reply.id))).toBe(0);
    const moderator = await createActor("moderator");
    expect((await updateReply(moderator, { replyId: reply.id, body: "Moderated" })).body).toBe("Moderated");
    expect(await countRows(replyRevisions, and(eq(replyRevisions.replyId, reply.id), eq(replyRevisions.editorId, moderator.actor.id)))).toBe(1);
  });

  it.each<[string, Record<string, unknown>]>([
    ["nothing to change", {}],
    ["an empty body", { body: "  " }],
    ["a body of 10,001 characters", { body: "x".repeat(10_001) }],
    ["an unknown stance", { stance: "angry" }],
  ])("rejects %s with ValidationFailed, keeping no revision", async (_label, change) => {
    const scenario = await newScenario(post);
    const reply = await createReply(author, { scenarioId: scenario.id, body: text() });
    expect(await outcome(updateReply(author, { replyId: reply.id, ...change }))).toBe("ValidationFailed");
    expect(await countRows(replyRevisions, eq(replyRevisions.replyId, reply.id))).toBe(0);
  });

  it("answers NotFound for an unknown reply", async () => {
    expect(await outcome(updateReply(author, { replyId: "no-such-reply", body: "x" }))).toBe("NotFound");
  });
});
