import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { newId, replies, scenarios, searchDocuments, type Post } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { anonymous, type Actor, type Context } from "@/lib/auth/actor";
import { createPost, updatePost } from "@/lib/forum/post-authoring";
import { createReply, updateReply } from "@/lib/forum/replies";
import { createScenario, updateScenario } from "@/lib/forum/scenarios";
import { indexUnindexed } from "@/lib/search/index-content";
import { searchContent, type SearchResult } from "@/lib/search/search";
import { markdownToHtml } from "@/lib/text/markdown";
import { createActor } from "../support/actors";
import { addPost, countRows, setPost } from "../support/forum";
import { api, type ApiResponse } from "../support/http";
import { startApiServer, type ApiServer } from "../support/api-server";

type Member = Context & { actor: Actor };
let member: Member;
let moderator: Member;

beforeAll(async () => {
  member = await createActor();
  moderator = await createActor("moderator");
});

let serial = 0;
/** A scenario on the post with this body (and a title of its own that matches nothing searched for). */
async function scenarioWith(post: Post, body: string, title = `Scenario number ${++serial}`) {
  return createScenario(member, { postId: post.id, title, body });
}

async function search(ctx: Context, q: string, more: { type?: string; postId?: string; limit?: number; cursor?: string } = {}) {
  return searchContent(ctx, { q, ...more });
}

/** The ids a search on one post finds, in rank order. */
async function idsFound(post: Post, q: string, ctx: Context = anonymous, type?: string): Promise<string[]> {
  return (await search(ctx, q, { postId: post.id, type })).results.map((r) => r.id);
}

describe("the seed article", () => {
  const findsSeed = async (q: string) => {
    const { results } = await search(anonymous, q, { type: "post" });
    return results.find((r) => r.url === `/p/${encodeURIComponent(seedSlug)}`);
  };

  it.each([
    ["روسيا", "the word as written"],
    ["وروسيا", "with و in the query"],
    ["لروسيا", "with ل"],
    ["بموسكو", "with ب"],
    ["رسالة", "ورسالة in the text: a prefix on the text's side, ta marbuta folded"],
    ["دبلوماسي", "الدبلوماسي in the text: the article"],
    ["التصعيد", "والتصعيد in the text: و+ال"],
    ["الي", "إلى in the text: hamza alef and alef maqsura folded"],
  ])("is found by %s (%s)", async (q) => {
    const found = await findsSeed(q);
    expect(found).toMatchObject({ type: "post", title: expect.stringContaining("روسيا"), url: `/p/${encodeURIComponent(seedSlug)}` });
    expect(found!.snippet).toMatch(/<mark>[^<]+<\/mark>/);
  });

  it("is found in English through its translation, whose title and text the result then shows", async () => {
    const found = await findsSeed("negotiations");
    expect(found).toBeDefined();
    expect(found!.title).toMatch(/Russia/);
    expect(found!.snippet).toMatch(/<mark>negotiat\w+<\/mark>/i);
  });
});

describe("Arabic normalisation, on both sides of the match", () => {
  let post: Post;
  beforeAll(async () => {
    post = await addPost();
  });

  it.each([
    ["وروسيا تتفاوض", "روسيا"],
    ["لروسيا موقف", "روسيا"],
    ["بالروسيا لا يقال", "روسيا"],
    ["للسلام ثمن", "السلام"],
    ["فالسلام ممكن", "سلام"],
    ["روسيا وحدها", "وروسيا"],
    ["أوكرانيا", "اوكرانيا"],
    ["اوكرانيا", "أوكرانيا"],
    ["إيران", "ايران"],
    ["آسيا", "اسيا"],
    ["ٱلقدس", "القدس"],
    ["الهدنة", "هدنه"],
    ["الهدنه", "الهدنة"],
    ["مستشفى", "مستشفي"],
    ["مستشفي", "مستشفى"],
    ["مَدْرَسَةٌ", "مدرسة"],
    ["روســـيا", "روسيا"],
    ["٢٠٢٦", "2026"],
  ])("a text with %s is found by %s", async (text, q) => {
    const scenario = await scenarioWith(post, `${text} ${newId()}`);
    expect(await idsFound(post, q)).toContain(scenario.id);
  });

  it("does not find a different word that only looks alike", async () => {
    const scenario = await scenarioWith(post, `بريطانيا ${newId()}`);
    expect(await idsFound(post, "روسيا")).not.toContain(scenario.id);
    expect(await idsFound(post, "لبريطانيا")).toContain(scenario.id);
  });
});

describe("English", () => {
  let post: Post;
  beforeAll(async () => {
    post = await addPost();
  });

  it("is stemmed: negotiations finds negotiate, and the reverse", async () => {
    const one = await scenarioWith(post, "They will negotiate a ceasefire.");
    const other = await scenarioWith(post, "Negotiations stalled in spring.");
    expect(await idsFound(post, "negotiations")).toEqual(expect.arrayContaining([one.id, other.id]));
    expect(await idsFound(post, "negotiate")).toEqual(expect.arrayContaining([one.id, other.id]));
  });

  it("keeps quoted phrases in order and leaves out -excluded words", async () => {
    const inOrder = await scenarioWith(post, "A frozen conflict lingers.");
    const reversed = await scenarioWith(post, "The conflict is not frozen.");
    expect(await idsFound(post, '"frozen conflict"')).toEqual([inOrder.id]);
    expect(await idsFound(post, "frozen conflict")).toEqual(expect.arrayContaining([inOrder.id, reversed.id]));
    expect(await idsFound(post, "frozen -lingers")).toEqual([reversed.id]);
    expect(await idsFound(post, "lingering or notfoundword")).toEqual([inOrder.id]);
  });

  it("finds words that begin with a partial word when the whole words find nothing", async () => {
    const scenario = await scenarioWith(post, "Sanctions relief is conditional.");
    expect(await idsFound(post, "conditio")).toEqual([scenario.id]);
  });

  it("ranks a title match above a body match", async () => {
    const inBody = await scenarioWith(post, "The referendum comes later.");
    const inTitle = await scenarioWith(post, "Something else entirely.", "A referendum first");
    expect(await idsFound(post, "referendum")).toEqual([inTitle.id, inBody.id]);
  });
});

describe("results", () => {
  let post: Post;
  let otherPost: Post;
  let scenarioId: string;
  let replyId: string;
  const word = "تفاهمات";
  beforeAll(async () => {
    post = await addPost();
    otherPost = await addPost();
    const scenario = await scenarioWith(post, `${word} أولى`);
    scenarioId = scenario.id;
    replyId = (await createReply(member, { scenarioId, body: `نعم، ${word} <script>alert(1)</script> x < y & "quotes"` })).id;
    await scenarioWith(otherPost, `${word} أخرى`);
  });

  it("carry the contract's fields and link to their permalinks", async () => {
    const { results } = await search(anonymous, word, { postId: post.id });
    const reply = results.find((r) => r.type === "reply");
    const scenario = results.find((r) => r.type === "scenario");
    expect(scenario).toEqual({
      type: "scenario",
      id: scenarioId,
      postId: post.id,
      scenarioId,
      title: expect.any(String),
      snippet: expect.stringContaining(`<mark>${word}</mark>`),
      url: `/p/${encodeURIComponent(post.slug)}/s/${scenarioId}`,
      rank: expect.any(Number),
    } satisfies SearchResult);
    expect(reply).toMatchObject({ type: "reply", id: replyId, postId: post.id, scenarioId, url: `/p/${encodeURIComponent(post.slug)}/s/${scenarioId}/r/${replyId}` });
  });

  it("have snippets that carry no markup but <mark>", async () => {
    const { results } = await search(anonymous, word, { postId: post.id, type: "reply" });
    const snippet = results[0]!.snippet;
    expect(snippet).toContain("x &lt; y &amp; &quot;quotes&quot;");
    expect(snippet).not.toContain("<script");
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("filter by type and by post", async () => {
    expect((await search(anonymous, word, { postId: post.id, type: "reply" })).results.map((r) => r.id)).toEqual([replyId]);
    expect((await search(anonymous, word, { postId: post.id, type: "scenario" })).results.map((r) => r.id)).toEqual([scenarioId]);
    const everywhere = (await search(anonymous, word)).results;
    expect(new Set(everywhere.map((r) => r.postId))).toEqual(new Set([post.id, otherPost.id]));
    expect((await search(anonymous, word, { postId: otherPost.id })).results.every((r) => r.postId === otherPost.id)).toBe(true);
  });

  it("are paginated: every match once, in rank order, across pages", async () => {
    const paged = await addPost();
    const scenario = await scenarioWith(paged, "مسار التفاوض");
    const made = [scenario.id];
    for (let i = 0; i < 6; i++) made.push((await createReply(member, { scenarioId: scenario.id, body: `التفاوض ${"مرة ".repeat(i)}${i}` })).id);
    const seen: SearchResult[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(anonymous, "تفاوض", { postId: paged.id, limit: 2, cursor });
      expect(page.results.length).toBeLessThanOrEqual(2);
      seen.push(...page.results);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((r) => r.id).sort()).toEqual([...made].sort());
    const ranks = seen.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });
});

describe("hidden content", () => {
  let post: Post;
  beforeAll(async () => {
    post = await addPost();
  });

  it("is found by moderators and its author only: a hidden scenario, replies under it, a hidden reply, everything on a hidden post", async () => {
    const reader = await createActor();
    const word = "مخفي";
    const shown = await scenarioWith(post, `${word} ظاهر`);
    const hidden = await scenarioWith(post, `${word} محجوب`);
    const underHidden = await createReply(member, { scenarioId: hidden.id, body: `${word} تحت المحجوب` });
    const hiddenReply = await createReply(member, { scenarioId: shown.id, body: `${word} رد محجوب` });
    const db = await getDb();
    await db.update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, hidden.id));
    await db.update(replies).set({ status: "hidden" }).where(eq(replies.id, hiddenReply.id));
    for (const ctx of [anonymous, reader]) expect(await idsFound(post, word, ctx)).toEqual([shown.id]);
    const everything = [shown.id, hidden.id, underHidden.id, hiddenReply.id].sort();
    expect((await idsFound(post, word, moderator)).sort()).toEqual(everything);
    // The one visibility rule: an author still sees what of theirs was hidden.
    expect((await idsFound(post, word, member)).sort()).toEqual(everything);

    await setPost(post.id, { status: "hidden" });
    expect((await search(reader, word)).results.filter((r) => r.postId === post.id)).toEqual([]);
    await expect(search(reader, word, { postId: post.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await idsFound(post, word, moderator)).toHaveLength(4);
    await setPost(post.id, { status: "visible" });
  });
});

describe("the index follows the text", () => {
  let post: Post;
  beforeAll(async () => {
    post = await addPost();
  });

  it("an edited scenario is found by its new words and no longer by its old ones", async () => {
    const scenario = await scenarioWith(post, "قمة مرتقبة", "عنوان قديم");
    expect(await idsFound(post, "قديم")).toEqual([scenario.id]);
    await updateScenario(member, { scenarioId: scenario.id, title: "عنوان جديد", body: "هدنة معلنة" });
    expect(await idsFound(post, "قديم")).toEqual([]);
    expect(await idsFound(post, "مرتقبة")).toEqual([]);
    expect(await idsFound(post, "جديد")).toEqual([scenario.id]);
    expect(await idsFound(post, "معلنه")).toEqual([scenario.id]);
  });

  it("an edited reply is found by its new words and no longer by its old ones", async () => {
    const scenario = await scenarioWith(post, "نقاش");
    const reply = await createReply(member, { scenarioId: scenario.id, body: "armistice soon" });
    expect(await idsFound(post, "armistice", anonymous, "reply")).toEqual([reply.id]);
    await updateReply(member, { replyId: reply.id, body: "stalemate instead" });
    expect(await idsFound(post, "armistice", anonymous, "reply")).toEqual([]);
    expect(await idsFound(post, "stalemates", anonymous, "reply")).toEqual([reply.id]);
  });

  it("a new post is found at once in both its languages, and an edited one by its new words only", async () => {
    const created = await createPost(moderator, {
      title: "Ceasefire observers arrive",
      body: "They deploy along the line.",
      question: "Will the observers stay?",
      lang: "en",
      translation: { lang: "ar", title: "وصول مراقبي الهدنة", body: "ينتشرون على طول الخط.", question: "هل يبقى المراقبون؟" },
    });
    const postsFound = async (q: string) => (await search(anonymous, q, { type: "post", postId: created.id })).results.map((r) => r.id);
    expect(await postsFound("ceasefire")).toEqual([created.id]);
    expect(await postsFound("الهدنه")).toEqual([created.id]);
    await updatePost(moderator, { postId: created.id, title: "Peacekeepers arrive" });
    expect(await postsFound("ceasefire")).toEqual([]);
    expect(await postsFound("peacekeeper")).toEqual([created.id]);
    expect(await postsFound("مراقبي")).toEqual([created.id]);
  });

  it("rows written without the verbs are indexed by the backfill", async () => {
    const scenario = await scenarioWith(post, "ردود");
    const id = newId();
    await (await getDb()).insert(replies).values({
      id,
      scenarioId: scenario.id,
      postId: post.id,
      path: "000000000zzzz",
      authorId: member.actor.id,
      body: "written straight into the table: backfilled",
      html: markdownToHtml("x"),
    });
    expect(await idsFound(post, "backfilled")).toEqual([]);
    expect(await indexUnindexed(await getDb())).toBeGreaterThanOrEqual(1);
    expect(await idsFound(post, "backfilled")).toEqual([id]);
    expect(await indexUnindexed(await getDb())).toBe(0);
    expect(await countRows(searchDocuments, eq(searchDocuments.targetId, id))).toBe(1);
  });
});

describe("GET /api/v1/search", () => {
  let server: ApiServer;
  let client: ReturnType<typeof api>;
  beforeAll(async () => {
    server = await startApiServer();
    client = api(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  function expectError(response: ApiResponse, status: number, code: string) {
    expect({ status: response.status, body: response.body }).toEqual({ status, body: { error: { code, message: expect.any(String), details: expect.any(Array) } } });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  }

  it("answers results for anyone", async () => {
    const response = await client.get(`/api/v1/search?q=${encodeURIComponent("وروسيا")}&type=post`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ results: expect.any(Array), nextCursor: null });
    expect(response.body.results[0]).toMatchObject({ type: "post", url: `/p/${encodeURIComponent(seedSlug)}` });
  });

  it.each([
    ["an empty q", "q="],
    ["no q", "type=post"],
    ["whitespace only", `q=${encodeURIComponent("   ")}`],
    ["a 10 KB q", `q=${"a".repeat(10_240)}`],
    ["a 201-character q", `q=${"ب".repeat(201)}`],
    ["a NUL", "q=ab%00cd"],
    ["operators only", `q=${encodeURIComponent('- "" or -')}`],
    ["too many words", `q=${encodeURIComponent(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))}`],
    ["an unknown type", "q=russia&type=user"],
    ["a malformed post id", "q=russia&postId=..%2Fx"],
    ["a cursor from elsewhere", "q=russia&cursor=bm90LWEtY3Vyc29y"],
    ["a limit out of range", "q=russia&limit=1000"],
  ])("answers 400 validation_failed for %s", async (_, query) => {
    expectError(await client.get(`/api/v1/search?${query}`), 400, "validation_failed");
  });

  it("answers 404 for a post that does not exist", async () => {
    expectError(await client.get(`/api/v1/search?q=russia&postId=${newId()}`), 404, "not_found");
  });
});
