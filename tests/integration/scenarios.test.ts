import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, idempotencyKeys, scenarioRevisions, scenarios, type Post } from "@/db/schema";
import { anonymous, type Context } from "@/lib/auth/actor";
import { ValidationFailed } from "@/lib/errors";
import { discardDraft, getDraft, saveDraft } from "@/lib/forum/drafts";
import { getPost } from "@/lib/forum/posts";
import { RateLimited } from "@/lib/errors";
import {
  createScenario,
  getScenario,
  listScenarioRevisions,
  listScenarios,
  updateScenario,
} from "@/lib/forum/scenarios";
import { scenarioDraftKey } from "@/lib/rules/draft-keys";
import type { ScenarioSort } from "@/lib/rules/scenario-sorts";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome, postEvents, readPost, setPost, staggered } from "../support/forum";

const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let serial = 0;
const fresh = (what = "Scenario") => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

/** Everything a failed create could have touched on a post. */
async function footprint(postId: string) {
  const post = await readPost(postId);
  return {
    scenarios: await countRows(scenarios, eq(scenarios.postId, postId)),
    events: await countRows(events, eq(events.postId, postId)),
    scenarioCount: post.scenarioCount,
    lastSeq: post.lastSeq,
    idempotencyKeys: await countRows(idempotencyKeys),
  };
}

describe("createScenario", () => {
  let post: Post;
  let member: Awaited<ReturnType<typeof createActor>>;
  beforeAll(async () => {
    post = await addPost();
    member = await createActor();
  });

  it("stores it, returns the contract's view with sanitised html and an excerpt, and places it at 50/50 by default", async () => {
    const body = "# Heading\n\nA **bold** claim with [a link](https://example.com) and [bad](javascript:alert(1)).\n\n<img src=x onerror=alert(1)> <script>alert(1)</script> [style](https://x.test \"t\"){style=color:red}";
    const view = await createScenario(member, { postId: post.id, title: "  تهدئة تدريجية  ", body });

    for (const key of ["id", "postId", "title", "body", "html", "author", "x", "y", "score", "up", "down", "replyCount", "community", "myVote", "status", "pinned", "createdAt", "editedAt"]) {
      expect(view).toHaveProperty(key);
    }
    expect(view).toMatchObject({
      postId: post.id,
      title: "تهدئة تدريجية",
      body,
      author: { id: member.actor.id, handle: member.actor.handle, name: member.actor.name },
      x: 50,
      y: 50,
      score: 0,
      up: 0,
      down: 0,
      replyCount: 0,
      community: null,
      myVote: 0,
      status: "visible",
      pinned: false,
      editedAt: null,
    });
    expect(view.id).toEqual(expect.any(String));
    expect(view.createdAt).toMatch(iso);
    expect(view.excerpt.startsWith("Heading A bold claim with a link and bad.")).toBe(true);
    expect(view.html).toContain("<strong>bold</strong>");
    expect(view.html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">a link</a>');
    expect(view.html).not.toMatch(/<script|<img|javascript:/i);
    // No event handler or style attribute inside any tag (the same words as escaped text are harmless).
    expect(view.html).not.toMatch(/<[^>]*\s(on\w+|style)=/i);

    const read = await getScenario(anonymous, { scenarioId: view.id });
    expect(read).toEqual({ ...view, myVote: undefined });
    expect(read).not.toHaveProperty("myVote");
  });

  it("places it where asked and cuts a long body's excerpt at a word", async () => {
    const body = Array.from({ length: 120 }, (_, i) => `word${i}`).join(" ");
    const view = await createScenario(member, { postId: post.id, title: fresh(), body, x: 0, y: 100 });
    expect([view.x, view.y]).toEqual([0, 100]);
    expect(view.excerpt.endsWith("…")).toBe(true);
    expect(Array.from(view.excerpt).length).toBeLessThanOrEqual(241);
    expect(body.startsWith(view.excerpt.slice(0, -1))).toBe(true);
  });

  it("counts it on the post and announces it with the post's next seq, in one transaction with the row", async () => {
    const before = await readPost(post.id);
    const view = await createScenario(member, { postId: post.id, title: fresh(), body: "Counted" });
    const after = await readPost(post.id);
    expect(after.scenarioCount).toBe(before.scenarioCount + 1);
    expect(after.lastSeq).toBe(before.lastSeq + 1);
    expect((await getPost(anonymous, { idOrSlug: post.id })).scenarioCount).toBe(after.scenarioCount);
    const last = (await postEvents(post.id)).at(-1)!;
    expect(last).toMatchObject({ seq: before.lastSeq + 1, type: "scenario.created" });
    expect((last.data.scenario as { id: string }).id).toBe(view.id);
    expect(last.data.scenario).not.toHaveProperty("myVote");
    expect(after.scenarioCount).toBe(await countRows(scenarios, eq(scenarios.postId, post.id)));
  });

  it("keeps scenarioCount equal to the rows when many members create at once", async () => {
    const busy = await addPost();
    const authors = await Promise.all(Array.from({ length: 12 }, () => createActor()));
    const created = await Promise.all(authors.map((a, i) => createScenario(a, { postId: busy.id, title: `Concurrent ${i}`, body: `Body ${i}` })));
    const stored = await readPost(busy.id);
    expect(stored.scenarioCount).toBe(12);
    expect(await countRows(scenarios, eq(scenarios.postId, busy.id))).toBe(12);
    const seqs = (await postEvents(busy.id)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(created.map((c) => c.id)).size).toBe(12);
  });

  it("clears the member's draft for that post only", async () => {
    const other = await addPost();
    await saveDraft(member, { key: scenarioDraftKey(post.id), content: { title: "half written" } });
    await saveDraft(member, { key: scenarioDraftKey(other.id), content: { title: "elsewhere" } });
    const someoneElse = await createActor();
    await saveDraft(someoneElse, { key: scenarioDraftKey(post.id), content: { title: "theirs" } });
    await createScenario(member, { postId: post.id, title: fresh(), body: "Drafted" });
    expect(await getDraft(member, { key: scenarioDraftKey(post.id) })).toBeNull();
    expect((await getDraft(member, { key: scenarioDraftKey(other.id) }))?.content).toEqual({ title: "elsewhere" });
    expect((await getDraft(someoneElse, { key: scenarioDraftKey(post.id) }))?.content).toEqual({ title: "theirs" });
    await discardDraft(member, { key: scenarioDraftKey(other.id) });
  });

  describe("duplicates", () => {
    it("refuses the same text from the same member within five minutes with Conflict, storing nothing", async () => {
      const title = fresh("Repeat");
      await createScenario(member, { postId: post.id, title, body: "Same body" });
      const before = await footprint(post.id);
      expect(await outcome(createScenario(member, { postId: post.id, title, body: "Same body" }))).toBe("Conflict");
      expect(await footprint(post.id)).toEqual(before);
    });

    it("sees through Arabic diacritics, letter forms, case and spacing", async () => {
      await createScenario(member, { postId: post.id, title: "سيناريو التهدئة الكاملة", body: "روسيا تختار الحوار مع أوروبا" });
      const before = await footprint(post.id);
      const variants = [
        { title: "سِيناريو   التَّهدئة الكامِلة", body: "روسيا تختار الحوار مع اوروبا" },
        { title: "سيناريو التهدئة الكاملة\u200b", body: "  روسيا   تختار\nالحوار مع أوروبا  " },
        { title: "سيناريو التهدئـــة الكاملة", body: "روسيا تختار الحوار مع أوروبا" },
      ];
      for (const variant of variants) {
        expect(await outcome(createScenario(member, { postId: post.id, ...variant }))).toBe("Conflict");
      }
      expect(await footprint(post.id)).toEqual(before);
    });

    it("allows the same text on another post, by another member, or after the window", async () => {
      const title = fresh("Again");
      const first = await createScenario(member, { postId: post.id, title, body: "Body" });
      const other = await addPost();
      expect(await outcome(createScenario(member, { postId: other.id, title, body: "Body" }))).toBe("ok");
      expect(await outcome(createScenario(await createActor(), { postId: post.id, title, body: "Body" }))).toBe("ok");
      await (await getDb()).update(scenarios).set({ createdAt: new Date(Date.now() - 6 * 60_000) }).where(eq(scenarios.id, first.id));
      expect(await outcome(createScenario(member, { postId: post.id, title, body: "Body" }))).toBe("ok");
    });

    it("lets only one of two identical creates racing each other through", async () => {
      const racer = await createActor();
      const title = fresh("Double click");
      const outcomes = await Promise.all([1, 2].map(() => outcome(createScenario(racer, { postId: post.id, title, body: "Twice" }))));
      expect(outcomes.sort()).toEqual(["Conflict", "ok"]);
      expect(await countRows(scenarios, and(eq(scenarios.authorId, racer.actor.id), eq(scenarios.title, title)))).toBe(1);
    });
  });

  describe("Idempotency-Key", () => {
    it("returns the first result again, with the same id, and stores one row", async () => {
      const key = `key-${fresh()}`;
      const first = await createScenario(member, { postId: post.id, title: fresh("Idem"), body: "Once", idempotencyKey: key });
      const before = await footprint(post.id);
      const again = await createScenario(member, { postId: post.id, title: fresh("Different"), body: "Other text", idempotencyKey: key });
      expect(again).toEqual(first);
      expect(await footprint(post.id)).toEqual(before);
    });

    it("creates one row when calls with the same key race, every caller getting the first result", async () => {
      for (let round = 0; round < 6; round++) {
        const racer = await createActor();
        const key = `race-${fresh()}`;
        const before = await footprint(post.id);
        // Retries spread over the first call's lifetime, as a flaky network would send them.
        const results = await staggered(25, () => createScenario(racer, { postId: post.id, title: "Raced title", body: "Raced body", idempotencyKey: key }));
        const ids = results.map((r) => (typeof r === "string" ? r : r.id));
        expect(new Set(ids).size, `round ${round}: ${[...new Set(ids)].join(", ")}`).toBe(1);
        for (const result of results) expect(result).toEqual(results[0]);
        const after = await footprint(post.id);
        expect(after).toEqual({ ...before, scenarios: before.scenarios + 1, events: before.events + 1, scenarioCount: before.scenarioCount + 1, lastSeq: before.lastSeq + 1, idempotencyKeys: before.idempotencyKeys + 1 });
      }
    });

    it("is per member: another member's same key creates their own scenario", async () => {
      const key = `shared-${fresh()}`;
      const mine = await createScenario(member, { postId: post.id, title: fresh(), body: "Mine", idempotencyKey: key });
      const theirs = await createScenario(await createActor(), { postId: post.id, title: fresh(), body: "Theirs", idempotencyKey: key });
      expect(theirs.id).not.toBe(mine.id);
    });

    it.each([
      ["empty", ""],
      ["too long", "k".repeat(201)],
      ["with a NUL", "key\u0000"],
      ["a number", 42],
    ])("rejects a key that is %s with ValidationFailed, storing nothing", async (_label, idempotencyKey) => {
      const before = await footprint(post.id);
      expect(await outcome(createScenario(member, { postId: post.id, title: fresh(), body: "Keyed", idempotencyKey }))).toBe("ValidationFailed");
      expect(await footprint(post.id)).toEqual(before);
    });
  });

  it("rate limits accounts younger than a day after three scenarios, storing nothing more", async () => {
    const newcomer = await createActor("member", { createdAt: new Date() });
    for (let i = 0; i < 3; i++) await createScenario(newcomer, { postId: post.id, title: fresh("Newcomer"), body: `Idea ${i}` });
    const before = await footprint(post.id);
    const limited = await createScenario(newcomer, { postId: post.id, title: fresh("Newcomer"), body: "Idea 4" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    expect(await footprint(post.id)).toEqual(before);
    // An established member is not limited at all.
    const veteran = await createActor();
    for (let i = 0; i < 5; i++) await createScenario(veteran, { postId: post.id, title: fresh("Veteran"), body: `Idea ${i}` });
  });

  it("refuses a locked post with Locked, but lets moderators curate it", async () => {
    const closed = await addPost();
    await setPost(closed.id, { isLocked: true });
    const before = await footprint(closed.id);
    expect(await outcome(createScenario(member, { postId: closed.id, title: fresh(), body: "Too late" }))).toBe("Locked");
    expect(await footprint(closed.id)).toEqual(before);
    expect(await outcome(createScenario(await createActor("moderator"), { postId: closed.id, title: fresh(), body: "Curated" }))).toBe("ok");
  });

  it("refuses suspended members and anonymous readers, and hides hidden posts from members", async () => {
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 3_600_000) });
    const formerly = await createActor("member", { suspendedUntil: new Date(Date.now() - 3_600_000) });
    const before = await footprint(post.id);
    expect(await outcome(createScenario(suspended, { postId: post.id, title: fresh(), body: "x" }))).toBe("Suspended");
    expect(await outcome(createScenario(anonymous, { postId: post.id, title: fresh(), body: "x" }))).toBe("Unauthenticated");
    expect(await footprint(post.id)).toEqual(before);
    expect(await outcome(createScenario(formerly, { postId: post.id, title: fresh(), body: "x" }))).toBe("ok");

    const hidden = await addPost({ status: "hidden" });
    expect(await outcome(createScenario(member, { postId: hidden.id, title: fresh(), body: "x" }))).toBe("NotFound");
    expect(await outcome(createScenario(await createActor("moderator"), { postId: hidden.id, title: fresh(), body: "x" }))).toBe("ok");
  });

  it("answers NotFound for an unknown post", async () => {
    expect(await outcome(createScenario(member, { postId: "no-such-post", title: fresh(), body: "x" }))).toBe("NotFound");
  });

  const valid = { title: "A valid title", body: "A valid body" };
  it.each<[string, Record<string, unknown>]>([
    ["an empty title", { title: "" }],
    ["a whitespace-only title", { title: "  \t\n  " }],
    ["a zero-width-only title", { title: "\u200b\u200c\u200d\u2060\ufeff" }],
    ["a title with a NUL", { title: "bad\u0000title" }],
    ["a title with a lone surrogate", { title: "bad \ud800 title" }],
    ["a title with a lone low surrogate", { title: "bad \udc00 title" }],
    ["a title of 2 characters", { title: "ab" }],
    ["a title of 2 characters padded to 3 with spaces", { title: " ab " }],
    ["a title of 201 characters", { title: "t".repeat(201) }],
    ["a title that is not a string", { title: 42 }],
    ["an empty body", { body: "" }],
    ["a whitespace-only body", { body: " \n\n " }],
    ["a zero-width-only body", { body: "\u200b\ufeff" }],
    ["a body with a NUL", { body: "a\u0000b" }],
    ["a body with a lone surrogate", { body: "\ud83d" }],
    ["a body with a control character", { body: "bell\u0007" }],
    ["a body of 20,001 characters", { body: "b".repeat(20_001) }],
    ["a body that is an array", { body: ["text"] }],
    ["a missing title", { title: undefined }],
    ["a missing body", { body: undefined }],
    ["x = -1", { x: -1 }],
    ["x = 101", { x: 101 }],
    ["x = 1.5", { x: 1.5 }],
    ["x = '50'", { x: "50" }],
    ["x = NaN", { x: Number.NaN }],
    ["y = Infinity", { y: Number.POSITIVE_INFINITY }],
    ["y = null", { y: null }],
    ["y = true", { y: true }],
    ["a postId that is not a string", { postId: 7 }],
    ["an empty postId", { postId: "" }],
  ])("rejects %s with ValidationFailed and stores nothing", async (_label, change) => {
    const before = await footprint(post.id);
    const error = await createScenario(member, { postId: post.id, ...valid, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details.length).toBeGreaterThan(0);
    expect(await footprint(post.id)).toEqual(before);
  });

  it("accepts the edges: a 3-character title, 200 characters, a 20,000-character body, emoji counted once", async () => {
    for (const input of [
      { title: "abc", body: "b" },
      { title: "t".repeat(199) + "😀", body: "b".repeat(20_000) },
      { title: fresh("Edge"), body: "😀".repeat(20_000) },
    ]) {
      expect(await outcome(createScenario(member, { postId: post.id, ...input }))).toBe("ok");
    }
  });
});

describe("updateScenario", () => {
  let post: Post;
  let author: Context;
  beforeAll(async () => {
    post = await addPost();
    author = await createActor();
  });

  it("lets the author edit, keeping each previous version as a revision, newest first", async () => {
    const original = await createScenario(author, { postId: post.id, title: "Version one", body: "Body one", x: 10, y: 20 });
    const before = await readPost(post.id);
    const first = await updateScenario(author, { scenarioId: original.id, title: "Version two", body: "Body **two**" });
    expect(first).toMatchObject({ id: original.id, title: "Version two", body: "Body **two**", x: 10, y: 20 });
    expect(first.html).toContain("<strong>two</strong>");
    expect(first.excerpt).toBe("Body two");
    expect(first.editedAt).toMatch(iso);
    const second = await updateScenario(author, { scenarioId: original.id, x: 90 });
    expect(second).toMatchObject({ title: "Version two", body: "Body **two**", x: 90, y: 20 });
    const third = await updateScenario(author, { scenarioId: original.id, title: "Version three", y: 0 });
    expect(third).toMatchObject({ title: "Version three", x: 90, y: 0 });

    const { revisions, nextCursor } = await listScenarioRevisions(anonymous, { scenarioId: original.id });
    expect(nextCursor).toBeNull();
    expect(revisions[0]!.html).toBe(first.html);
    expect(revisions[2]!.html).toBe(original.html);
    expect(revisions.map((r) => [r.title, r.body, r.x, r.y])).toEqual([
      ["Version two", "Body **two**", 90, 20],
      ["Version two", "Body **two**", 10, 20],
      ["Version one", "Body one", 10, 20],
    ]);
    for (const revision of revisions) {
      expect(revision.editor).toEqual({ id: author.actor!.id, handle: author.actor!.handle, name: author.actor!.name });
      expect(revision.createdAt).toMatch(iso);
    }

    const announced = (await postEvents(post.id)).filter((e) => e.seq > before.lastSeq);
    expect(announced.map((e) => [e.seq, e.type])).toEqual([
      [before.lastSeq + 1, "scenario.updated"],
      [before.lastSeq + 2, "scenario.updated"],
      [before.lastSeq + 3, "scenario.updated"],
    ]);
    expect(announced.at(-1)!.data.scenario).toMatchObject({ id: original.id, title: "Version three", x: 90, y: 0 });
  });

  it("lets a moderator edit, recording them as the editor", async () => {
    const scenario = await createScenario(author, { postId: post.id, title: fresh(), body: "Before moderation" });
    const moderator = await createActor("moderator");
    const edited = await updateScenario(moderator, { scenarioId: scenario.id, body: "After moderation" });
    expect(edited.body).toBe("After moderation");
    expect(edited.author.id).toBe(author.actor!.id);
    const [revision] = (await listScenarioRevisions(anonymous, { scenarioId: scenario.id })).revisions;
    expect(revision).toMatchObject({ body: "Before moderation", editor: { id: moderator.actor.id } });
  });

  it("refuses everyone else, and the author on a locked post, changing nothing", async () => {
    const scenario = await createScenario(author, { postId: post.id, title: fresh(), body: "Untouched" });
    const suspendedAuthor = { actor: { ...author.actor!, suspendedUntil: new Date(Date.now() + 60_000) } };
    const attempts: [Context, string][] = [
      [await createActor(), "Forbidden"],
      [await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) }), "Suspended"],
      [suspendedAuthor, "Suspended"],
      [anonymous, "Unauthenticated"],
    ];
    for (const [who, expected] of attempts) {
      expect(await outcome(updateScenario(who, { scenarioId: scenario.id, body: "Changed" }))).toBe(expected);
    }
    const closed = await addPost();
    const onClosed = await createScenario(author, { postId: closed.id, title: fresh(), body: "Frozen" });
    await setPost(closed.id, { isLocked: true });
    expect(await outcome(updateScenario(author, { scenarioId: onClosed.id, body: "Changed" }))).toBe("Locked");
    expect(await outcome(updateScenario(await createActor("moderator"), { scenarioId: onClosed.id, body: "Curated" }))).toBe("ok");

    expect((await getScenario(anonymous, { scenarioId: scenario.id })).body).toBe("Untouched");
    expect(await countRows(scenarioRevisions, eq(scenarioRevisions.scenarioId, scenario.id))).toBe(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ["nothing to change", {}],
    ["a 2-character title", { title: "ab" }],
    ["a whitespace-only body", { body: "   " }],
    ["a body with a NUL", { body: "x\u0000" }],
    ["x = 101", { x: 101 }],
    ["y = '5'", { y: "5" }],
  ])("rejects %s with ValidationFailed, keeping no revision", async (_label, change) => {
    const scenario = await createScenario(author, { postId: post.id, title: fresh(), body: "Stable" });
    expect(await outcome(updateScenario(author, { scenarioId: scenario.id, ...change }))).toBe("ValidationFailed");
    expect(await countRows(scenarioRevisions, eq(scenarioRevisions.scenarioId, scenario.id))).toBe(0);
    expect((await getScenario(anonymous, { scenarioId: scenario.id })).editedAt).toBeNull();
  });

  it("answers NotFound for an unknown scenario, and for a hidden one unless a moderator or its author asks", async () => {
    expect(await outcome(updateScenario(author, { scenarioId: "no-such-scenario", body: "x" }))).toBe("NotFound");
    const scenario = await createScenario(author, { postId: post.id, title: fresh(), body: "To hide" });
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, scenario.id));
    const stranger = await createActor("member");
    expect(await outcome(updateScenario(stranger, { scenarioId: scenario.id, body: "x" }))).toBe("NotFound");
    expect(await outcome(listScenarioRevisions(stranger, { scenarioId: scenario.id }))).toBe("NotFound");
    expect(await outcome(getScenario(stranger, { scenarioId: scenario.id }))).toBe("NotFound");
    expect(await outcome(getScenario(anonymous, { scenarioId: scenario.id }))).toBe("NotFound");
    expect((await getScenario(author, { scenarioId: scenario.id })).status).toBe("hidden");
    const moderator = await createActor("moderator");
    expect((await getScenario(moderator, { scenarioId: scenario.id })).status).toBe("hidden");
    expect(await outcome(updateScenario(moderator, { scenarioId: scenario.id, body: "Moderated" }))).toBe("ok");
  });
});

describe("listScenarios", () => {
  type Shape = { up: number; down: number; hoursIdle: number; hoursOld: number; pinned?: boolean; status?: "hidden" | "merged" };
  // Counters are written straight into the rows: ranking reads only these columns, whatever the votes table says.
  const shapes: Shape[] = [
    { up: 40, down: 10, hoursIdle: 30, hoursOld: 40 },
    { up: 1, down: 0, hoursIdle: 0.5, hoursOld: 1 },
    { up: 50, down: 50, hoursIdle: 5, hoursOld: 20 },
    { up: 90, down: 10, hoursIdle: 12, hoursOld: 30 },
    { up: 0, down: 0, hoursIdle: 0.1, hoursOld: 0.2 },
    { up: 0, down: 7, hoursIdle: 2, hoursOld: 3 },
    { up: 12, down: 11, hoursIdle: 8, hoursOld: 9 },
    { up: 12, down: 11, hoursIdle: 8, hoursOld: 9 }, // an exact tie with the one before: the id decides
    { up: 3, down: 0, hoursIdle: 48, hoursOld: 50 },
    { up: 0, down: 0, hoursIdle: 70, hoursOld: 72, pinned: true },
    { up: 200, down: 3, hoursIdle: 1, hoursOld: 2, status: "hidden" },
    { up: 100, down: 0, hoursIdle: 1, hoursOld: 2, status: "merged" },
  ];
  const sorts: ScenarioSort[] = ["best", "hot", "new", "controversial", "top", "probability"];
  type Row = { id: string; up: number; down: number; score: number; pinned: boolean; lastActivityAt: Date; createdAt: Date; status: string };
  let post: Post;
  let rows: Row[];

  beforeAll(async () => {
    post = await addPost();
    const db = await getDb();
    const tiedAt = new Date(Date.now() - 9 * 3_600_000);
    rows = [];
    for (const [i, shape] of shapes.entries()) {
      const view = await createScenario(await createActor(), { postId: post.id, title: `Ranked ${i}`, body: `Shape ${i}` });
      const row: Row = {
        id: view.id,
        up: shape.up,
        down: shape.down,
        score: shape.up - shape.down,
        pinned: shape.pinned ?? false,
        lastActivityAt: shape.hoursIdle === 8 ? tiedAt : new Date(Date.now() - shape.hoursIdle * 3_600_000),
        createdAt: shape.hoursOld === 9 ? tiedAt : new Date(Date.now() - shape.hoursOld * 3_600_000),
        status: shape.status ?? "visible",
      };
      await db
        .update(scenarios)
        .set({ up: row.up, down: row.down, score: row.score, isPinned: row.pinned, lastActivityAt: row.lastActivityAt, createdAt: row.createdAt, status: shape.status ?? "visible" })
        .where(eq(scenarios.id, view.id));
      rows.push(row);
    }
  });

  /**
   * Each sort's order, worked out by hand from the formulas in lib/forum/ranking.ts (pinned first, then the key,
   * then newer, then id). "best" (Wilson, z = 1.2816): 90/10 0.855, 40/10 0.718, 3/0 0.646, 50/50 0.436,
   * 12/11 0.391, 1/0 0.378, then 0 for 0/0 and 0/7 (newer first). "hot" (weight / (hours idle + 2)^1.8):
   * 0/0 at 0.1 h 0.289, 1/0 at 0.5 h 0.266, 90/10 at 12 h 0.0382, 50/50 at 5 h 0.0331, 12/11 at 8 h 0.0220,
   * 0/7 at 2 h 0.0113, 40/10 at 30 h 0.0068, 3/0 at 48 h 0.0016. "controversial" ((up + down)^(min / max)):
   * 50/50 100, 12/11 17.7, 40/10 2.66, 90/10 1.67, one-sided 0 (newer first). Among moderators, the hidden 200/3
   * and the merged 100/0 (both 2 h old, 1 h idle, the merged one created a moment later) take their places:
   * best 0.984 (100/0), 0.970 (200/3); hot 0.733 (200/3), 0.642 (100/0); controversial 1.08 (200/3), 0 (100/0).
   * Shapes 6 and 7 tie on everything, so their ids decide ("tie").
   */
  const tie = "tie" as const;
  const handWorked: Record<ScenarioSort, { members: (number | typeof tie)[]; moderators: (number | typeof tie)[] }> = {
    best: { members: [9, 3, 0, 8, 2, tie, 1, 4, 5], moderators: [9, 11, 10, 3, 0, 8, 2, tie, 1, 4, 5] },
    // Nobody forecasts on this post, so the unrevealed community forecast defers to "best".
    probability: { members: [9, 3, 0, 8, 2, tie, 1, 4, 5], moderators: [9, 11, 10, 3, 0, 8, 2, tie, 1, 4, 5] },
    top: { members: [9, 3, 0, 8, 1, tie, 4, 2, 5], moderators: [9, 10, 11, 3, 0, 8, 1, tie, 4, 2, 5] },
    new: { members: [9, 4, 1, 5, tie, 2, 3, 0, 8], moderators: [9, 4, 1, 11, 10, 5, tie, 2, 3, 0, 8] },
    controversial: { members: [9, 2, tie, 0, 3, 4, 1, 5, 8], moderators: [9, 2, tie, 0, 3, 10, 4, 1, 11, 5, 8] },
    hot: { members: [9, 4, 1, 3, 2, tie, 5, 0, 8], moderators: [9, 10, 11, 4, 1, 3, 2, tie, 5, 0, 8] },
  };
  function expectedOrder(sort: ScenarioSort, includeHidden: boolean): string[] {
    const tied = [rows[6]!.id, rows[7]!.id].sort((a, b) => (a < b ? -1 : 1));
    const { members, moderators } = handWorked[sort];
    return (includeHidden ? moderators : members).flatMap((shape) => (shape === tie ? tied : [rows[shape]!.id]));
  }

  it.each(sorts)("orders %s as worked out by hand, pinned first, without hidden or merged scenarios for members", async (sort) => {
    const member = await createActor();
    for (const ctx of [anonymous, member]) {
      const { scenarios: listed, nextCursor } = await listScenarios(ctx, { postId: post.id, sort, limit: 200 });
      expect(listed.map((s) => s.id)).toEqual(expectedOrder(sort, false));
      expect(nextCursor).toBeNull();
      expect(listed[0]!.pinned).toBe(true);
      for (const s of listed) expect(s.myVote).toBe(ctx.actor ? 0 : undefined);
    }
  });

  it("puts the strongest first where the formulas say so", async () => {
    const titles = async (sort: ScenarioSort) => (await listScenarios(anonymous, { postId: post.id, sort, limit: 200 })).scenarios.map((s) => s.title);
    // Pinned (shape 9) leads every sort; after it, 90/10 is "best" and "top", 50/50 is "controversial".
    expect((await titles("best")).slice(0, 2)).toEqual(["Ranked 9", "Ranked 3"]);
    expect((await titles("top")).slice(0, 2)).toEqual(["Ranked 9", "Ranked 3"]);
    expect((await titles("controversial")).slice(0, 2)).toEqual(["Ranked 9", "Ranked 2"]);
    expect((await titles("new")).slice(0, 2)).toEqual(["Ranked 9", "Ranked 4"]);
  });

  it.each(sorts)("shows moderators hidden and merged scenarios in their place (%s)", async (sort) => {
    const moderator = await createActor("moderator");
    const { scenarios: listed } = await listScenarios(moderator, { postId: post.id, sort, limit: 200 });
    expect(listed.map((s) => s.id)).toEqual(expectedOrder(sort, true));
    expect(listed.map((s) => s.status).sort()).toEqual([...Array(10).fill("visible"), "hidden", "merged"].sort());
  });

  it.each([1, 3, 4, 200])("pages through every scenario exactly once, %i at a time", async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listScenarios(anonymous, { postId: post.id, sort: "hot", limit, cursor });
      expect(page.scenarios.length).toBeLessThanOrEqual(limit);
      seen.push(...page.scenarios.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expectedOrder("hot", false));
    expect(pages).toBe(Math.max(1, Math.ceil(10 / limit)));
  });

  it("defaults to best, 50 at a time", async () => {
    const { scenarios: listed } = await listScenarios(anonymous, { postId: post.id });
    expect(listed.map((s) => s.id)).toEqual(expectedOrder("best", false));
  });

  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  it.each<[string, Record<string, unknown>]>([
    ["an unknown sort", { sort: "random" }],
    ["a sort that is not a string", { sort: 1 }],
    ["limit 0", { limit: 0 }],
    ["limit 201", { limit: 201 }],
    ["limit 1.5", { limit: 1.5 }],
    ["limit 'ten'", { limit: "ten" }],
    ["a cursor that is not base64 JSON", { cursor: "not-a-cursor" }],
    ["a cursor holding a string", { cursor: cursorOf(["x"]) }],
    ["a cursor holding a negative offset", { cursor: cursorOf([-1]) }],
    ["a cursor holding a fraction", { cursor: cursorOf([1.5]) }],
    ["a cursor of 101 characters", { cursor: "A".repeat(101) }],
  ])("rejects %s with ValidationFailed", async (_label, input) => {
    expect(await outcome(listScenarios(anonymous, { postId: post.id, ...input }))).toBe("ValidationFailed");
  });

  it("answers NotFound for an unknown post, and for a hidden post to members as getPost does", async () => {
    expect(await outcome(listScenarios(anonymous, { postId: "no-such-post" }))).toBe("NotFound");
    const hidden = await addPost({ status: "hidden" });
    expect(await outcome(getPost(await createActor(), { idOrSlug: hidden.id }))).toBe("NotFound");
    expect(await outcome(listScenarios(await createActor(), { postId: hidden.id }))).toBe("NotFound");
    expect(await outcome(listScenarios(await createActor("moderator"), { postId: hidden.id }))).toBe("ok");
  });
});

describe("getScenario", () => {
  it("shows the viewer's own vote and validates its id", async () => {
    expect(await outcome(getScenario(anonymous, { scenarioId: "" }))).toBe("ValidationFailed");
    expect(await outcome(getScenario(anonymous, { scenarioId: "x".repeat(101) }))).toBe("ValidationFailed");
    expect(await outcome(getScenario(anonymous, { scenarioId: 5 }))).toBe("ValidationFailed");
    expect(await outcome(getScenario(anonymous, { scenarioId: "nope" }))).toBe("NotFound");
  });

  it("answers a NUL in an id as bad input, not as a database error", async () => {
    expect(await outcome(getScenario(anonymous, { scenarioId: "bad\u0000id" }))).toMatch(/^(ValidationFailed|NotFound)$/);
  });
});
