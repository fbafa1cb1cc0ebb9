import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { postRevisions, posts } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { createPost, listPostRevisions, updatePost } from "@/lib/forum/post-authoring";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { getPost, listPosts } from "@/lib/forum/posts";
import { createReply } from "@/lib/forum/replies";
import { createScenario, listScenarios } from "@/lib/forum/scenarios";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { RateLimited } from "@/lib/errors";
import { createActor } from "../support/actors";
import { startApiServer } from "../support/api-server";
import { api } from "../support/http";
import { countRows, outcome, postEvents } from "../support/forum";

const axes = {
  x: { label: "Openness", low: "Closed", high: "Open" },
  y: { label: { ar: "التصعيد", en: "Escalation" }, low: "Calm", high: "Tense" },
  quadrants: { highHigh: "Both", highLow: "Diplomacy", lowHigh: "Escalation", lowLow: "Neither" },
};
const draft = (title: string) => ({ title, body: "An **article** <script>x()</script>", question: "What happens next?", lang: "en", axes });

describe("createPost", () => {
  it("opens a post for a moderator, with rendered body, localized axes, a translation, and a readable slug", async () => {
    const mod = await createActor("moderator");
    const post = await createPost(mod, {
      ...draft("A new question"),
      translation: { lang: "ar", title: "سؤال جديد", body: "مقال", question: "ماذا بعد؟" },
    });
    expect(post.slug).toBe("a-new-question");
    expect(post.html).toContain("<strong>article</strong>");
    expect(post.html).not.toContain("<script");
    expect(post.axes.x).toEqual({ label: "Openness", low: "Closed", high: "Open" });
    expect(post.axes.quadrants?.lowLow).toBe("Neither");
    expect(post.languages).toEqual(["en", "ar"]);
    const arabic = await getPost(anonymous, { idOrSlug: post.slug, lang: "ar" });
    expect(arabic.title).toBe("سؤال جديد");
    expect(arabic.axes.y.label).toBe("التصعيد");
  });

  it("gives Arabic titles Arabic slugs, readable by slug, and suffixes collisions", async () => {
    const admin = await createActor("admin");
    const title = "هل تصمد الهدنة؟";
    const first = await createPost(admin, { ...draft(title), lang: "ar" });
    const second = await createPost(admin, { ...draft(title), lang: "ar" });
    const third = await createPost(admin, { ...draft(`${title}!`), lang: "ar" });
    expect([first.slug, second.slug, third.slug]).toEqual(["هل-تصمد-الهدنة", "هل-تصمد-الهدنة-2", "هل-تصمد-الهدنة-3"]);
    expect((await getPost(anonymous, { idOrSlug: "هل-تصمد-الهدنة-2" })).id).toBe(second.id);
    expect(first.dir).toBe("rtl");
  });

  it("is for moderators and admins only; bad input writes nothing", async () => {
    const before = await countRows(posts);
    const member = await createActor("member");
    const suspended = await createActor("moderator", { suspendedUntil: new Date(Date.now() + 3_600_000) });
    const mod = await createActor("moderator");
    expect(await outcome(createPost(anonymous, draft("Anonymous post")))).toBe("Unauthenticated");
    expect(await outcome(createPost(member, draft("Member post")))).toBe("Forbidden");
    // Refused before the body is looked at.
    expect(await outcome(createPost(anonymous, { title: 5, lang: "xx" }))).toBe("Unauthenticated");
    expect(await outcome(createPost(member, { title: 5, lang: "xx" }))).toBe("Forbidden");
    expect(await outcome(updatePost(member, { postId: "\u0000", title: 5 }))).toBe("Forbidden");
    expect(await outcome(createPost(suspended, draft("Suspended post")))).toBe("Suspended");
    for (const bad of [
      { ...draft("ok title"), title: "  " },
      { ...draft("ok title"), lang: "fr" },
      { ...draft("ok title"), question: "" },
      { ...draft("ok title"), body: "x\u0000y" },
      { ...draft("ok title"), title: "x".repeat(201) },
      { ...draft("ok title"), body: "x".repeat(20_001) },
      { ...draft("ok title"), axes: { x: { label: "", low: "a", high: "b" }, y: axes.y } },
      { ...draft("ok title"), translation: { lang: "en", title: "Same language", body: "b", question: "q?" } },
    ]) {
      expect(await outcome(createPost(mod, bad))).toBe("ValidationFailed");
    }
    expect(await countRows(posts)).toBe(before);
  });

  it("limits a moderator to 30 posts an hour, answering the next with RateLimited and writing nothing", async () => {
    const mod = await createActor("moderator");
    for (let i = 0; i < 30; i++) await createPost(mod, draft(`Busy moderator ${i}`));
    const before = await countRows(posts);
    const limited = await createPost(mod, draft("One too many")).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    expect(await countRows(posts)).toBe(before);
    // The limit is per moderator: another one still opens posts.
    expect((await createPost(await createActor("moderator"), draft("Someone else"))).slug).toBe("someone-else");
  });

  it("works like the seed post: scenarios, replies, events, and the home list by latest activity", async () => {
    const mod = await createActor("moderator");
    const older = await createPost(mod, draft("Older post"));
    const newer = await createPost(mod, draft("Newer post"));
    const unpinned = (await listPosts(anonymous, { limit: 200 })).posts.filter((p) => !p.pinned).map((p) => p.id);
    expect(unpinned.indexOf(newer.id)).toBeLessThan(unpinned.indexOf(older.id));

    const member = await createActor();
    const scenario = await createScenario(member, { postId: older.id, title: "It holds", body: "Because", x: 20, y: 80 });
    await createReply(await createActor(), { scenarioId: scenario.id, body: "I doubt it" });
    const { forecast } = await submitForecast(member, { postId: older.id, probabilities: { [scenario.id]: 70, other: 30 } });
    expect([forecast.probabilities, forecast.other]).toEqual([{ [scenario.id]: 70 }, 30]);
    expect((await listScenarios(anonymous, { postId: older.id })).scenarios.map((s) => [s.id, s.replyCount])).toEqual([[scenario.id, 1]]);
    expect((await postEvents(older.id)).map((e) => e.type).slice(0, 2)).toEqual(["scenario.created", "reply.created"]);
    const after = (await listPosts(anonymous, { limit: 200 })).posts.filter((p) => !p.pinned).map((p) => p.id);
    expect(after.indexOf(older.id)).toBeLessThan(after.indexOf(newer.id));

    // Paging through the activity order gives every post once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPosts(anonymous, { limit: 1, cursor });
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual((await listPosts(anonymous, { limit: 200 })).posts.map((p) => p.id));
  });
});

describe("updatePost", () => {
  it("keeps each earlier version as a revision, keeps the slug, and announces post.updated", async () => {
    const mod = await createActor("moderator");
    const post = await createPost(mod, draft("Original title"));
    const edited = await updatePost(mod, { postId: post.id, title: "Edited title", body: "New *body*" });
    expect(edited.title).toBe("Edited title");
    expect(edited.html).toContain("<em>body</em>");
    expect(edited.slug).toBe(post.slug);
    await updatePost(mod, { postId: post.id, question: "What now, then?", axes: { ...axes, x: { label: "X", low: "l", high: "h" } } });
    const revisions = await listPostRevisions(anonymous, { postId: post.id });
    expect(revisions.map((r) => r.title)).toEqual(["Edited title", "Original title"]);
    expect(revisions[1]!.question).toBe("What happens next?");
    expect((await getPost(anonymous, { idOrSlug: post.id })).axes.x.label).toBe("X");
    expect((await postEvents(post.id)).map((e) => e.type)).toEqual(["post.updated", "post.updated"]);
  });

  it("refuses members and bad input, writing nothing", async () => {
    const mod = await createActor("moderator");
    const post = await createPost(mod, draft("Guarded post"));
    const member = await createActor();
    expect(await outcome(updatePost(member, { postId: post.id, title: "Mine now" }))).toBe("Forbidden");
    expect(await outcome(updatePost(mod, { postId: post.id }))).toBe("ValidationFailed");
    expect(await outcome(updatePost(mod, { postId: post.id, title: "" }))).toBe("ValidationFailed");
    expect(await outcome(updatePost(mod, { postId: "no-such-post", title: "Anything" }))).toBe("NotFound");
    expect(await outcome(updatePost(mod, { postId: "bad\u0000id", title: "Anything" }))).toBe("ValidationFailed");
    expect(await countRows(postRevisions, eq(postRevisions.postId, post.id))).toBe(0);
    const [row] = await (await getDb()).select().from(posts).where(eq(posts.id, post.id));
    expect(row!.title).toBe("Guarded post");
  });
});

describe("POST /api/v1/posts over HTTP", () => {
  it("answers 201 {post} to a moderator's token, 403 to a member's, 400 to bad input", async () => {
    const server = await startApiServer();
    try {
      const client = api(server.url);
      const mod = await createActor("moderator");
      const member = await createActor();
      const modToken = (await issueTokenToMember(mod, { label: "t" })).token;
      const memberToken = (await issueTokenToMember(member, { label: "t" })).token;
      const made = await client.post("/api/v1/posts", draft("Over the wire"), { token: modToken });
      expect(made.status).toBe(201);
      expect(made.body.post).toMatchObject({ slug: "over-the-wire", lang: "en", dir: "ltr", scenarioCount: 0, locked: false });
      expect((await client.get(`/api/v1/posts/${encodeURIComponent(made.body.post.slug)}`)).body.post.id).toBe(made.body.post.id);
      const before = await countRows(posts);
      expect((await client.post("/api/v1/posts", draft("Not mine"), { token: memberToken })).status).toBe(403);
      expect((await client.post("/api/v1/posts", draft("Nobody's"))).status).toBe(401);
      for (const bad of [{ title: "x" }, { ...draft("Nul\u0000title") }, "{not json", [draft("In an array")]]) {
        const answer = await client.post("/api/v1/posts", bad, { token: modToken });
        expect([answer.status, answer.body.error.code]).toEqual([400, "validation_failed"]);
      }
      const huge = await client.post("/api/v1/posts", { ...draft("Too big"), body: "ب".repeat(40_000) }, { token: modToken });
      expect([huge.status, huge.body.error.code]).toEqual([413, "payload_too_large"]);
      expect(await countRows(posts)).toBe(before);
      const patched = await client.patch(`/api/v1/posts/${made.body.post.id}`, { question: "And then?" }, { token: modToken });
      expect(patched.body.post.question).toBe("And then?");
      expect((await client.get(`/api/v1/posts/${made.body.post.id}/revisions`)).body.revisions).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
