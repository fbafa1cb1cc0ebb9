import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { resolvePost } from "@/lib/forecasts/resolution";
import { moderateContent } from "@/lib/moderation/content-actions";
import { createActor } from "../support/actors";
import { startApiServer, type ApiServer } from "../support/api-server";
import { parseAtom } from "../support/atom";
import { addPost } from "../support/forum";

const seedSlug = "russia-balance-diplomacy-escalation";
let server: ApiServer;
let seedPostId: string;
let author: Awaited<ReturnType<typeof createActor>>;
let moderator: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  server = await startApiServer();
  const [seed] = await (await getDb()).select({ id: posts.id }).from(posts).where(eq(posts.slug, seedSlug));
  seedPostId = seed!.id;
  author = await createActor();
  moderator = await createActor("moderator");
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });
async function feed(path: string) {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  return parseAtom(await response.text());
}
const hide = (targetType: "post" | "scenario" | "reply", targetId: string) => moderateContent(moderator, { targetType, targetId, action: "hide", reason: "Off topic" });
const idOf = (kind: string, id: string) => expect.stringMatching(new RegExp(`^tag:[^,]+,2026:${kind}/${id}$`));

describe("the site feed", () => {
  it("lists the visible posts, each in its language and direction, and never a hidden one", async () => {
    const english = await addPost({ lang: "en", title: "An English debate" });
    const hidden = await addPost({ title: "A hidden debate" });
    await hide("post", hidden.id);
    const site = await feed("/api/v1/feed.atom");
    expect(site.lang).toBe("ar");
    const ids = site.entries.map((e) => e.id);
    expect(ids).toContainEqual(idOf("post", seedPostId));
    expect(ids).toContainEqual(idOf("post", english.id));
    expect(ids.some((id) => id.endsWith(hidden.id))).toBe(false);
    const seed = site.entries.find((e) => e.id.endsWith(seedPostId))!;
    expect(seed.lang).toBeUndefined(); // the feed's own language: Arabic
    expect(seed.content).toMatch(/^<div dir="rtl" lang="ar">/);
    expect(decodeURIComponent(seed.link)).toMatch(new RegExp(`/p/${seedSlug}$`));
    const en = site.entries.find((e) => e.id.endsWith(english.id))!;
    expect(en.lang).toBe("en");
    expect(en.content).toMatch(/^<div dir="ltr" lang="en">/);
  });

  it("speaks English when asked, and holds at most the newest 50 posts", async () => {
    for (let i = 0; i < 50; i++) await addPost({ lang: "en", title: `Filler ${i}` });
    const site = await feed("/api/v1/feed.atom?lang=en");
    expect(site.lang).toBe("en");
    expect(site.title).toBe("Mizan: new posts");
    expect(site.entries).toHaveLength(50);
    expect(site.entries[0]!.title).toBe("Filler 49");
  });
});

describe("a post's feed", () => {
  it("holds exactly its visible scenarios, newest first, in the post's language", async () => {
    const made: Awaited<ReturnType<typeof createScenario>>[] = [];
    for (const title of ["أول سيناريو", "سيناريو مخفي", "ثالث سيناريو"]) made.push(await createScenario(author, { postId: seedPostId, title, body: `نص ${title}` }));
    await hide("scenario", made[1]!.id);
    const postFeed = await feed(`/api/v1/posts/${seedPostId}/feed.atom`);
    expect(postFeed.lang).toBe("ar");
    const listed = postFeed.entries.map((e) => e.id);
    expect(listed.slice(0, 2)).toEqual([idOf("scenario", made[2]!.id), idOf("scenario", made[0]!.id)]);
    expect(listed.some((id) => id.endsWith(made[1]!.id))).toBe(false);
    expect(postFeed.entries[0]!.content).toMatch(/^<div dir="rtl" lang="ar">.*ثالث سيناريو/s);
    // By slug too, percent-encoded or not.
    expect((await feed(`/api/v1/posts/${seedSlug}/feed.atom`)).entries.map((e) => e.id)).toEqual(listed);
  });

  it("announces the resolution, naming the scenario that happened", async () => {
    const post = await addPost({ lang: "en" });
    const happened = await createScenario(author, { postId: post.id, title: "The talks succeed", body: "They do." });
    await resolvePost(moderator, { postId: post.id, outcome: "scenario", scenarioId: happened.id, note: "Signed on Monday." });
    const entries = (await feed(`/api/v1/posts/${post.id}/feed.atom`)).entries;
    expect(entries[0]).toMatchObject({ id: idOf("post", `${post.id}/resolution`), title: "Resolved: The talks succeed" });
    expect(entries[1]!.id).toEqual(idOf("scenario", happened.id));
  });

  it("is not found for a hidden post, and refuses a malformed id", async () => {
    const hidden = await addPost();
    await hide("post", hidden.id);
    const response = await get(`/api/v1/posts/${hidden.id}/feed.atom`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
    expect((await get("/api/v1/posts/a.b/feed.atom")).status).toBe(400);
    expect((await get("/api/v1/feed.atom?lang=fr")).status).toBe(400);
  });
});

describe("a scenario's feed", () => {
  it("holds exactly its visible replies; a hidden scenario has no feed", async () => {
    const scenario = await createScenario(author, { postId: seedPostId, title: "سيناريو للنقاش", body: "نص" });
    const kept = await createReply(author, { scenarioId: scenario.id, body: "ردّ ظاهر" });
    const gone = await createReply(author, { scenarioId: scenario.id, body: "ردّ سيُخفى" });
    await hide("reply", gone.id);
    const scenarioFeed = await feed(`/api/v1/scenarios/${scenario.id}/feed.atom`);
    expect(scenarioFeed.lang).toBe("ar");
    expect(scenarioFeed.entries.map((e) => e.id)).toEqual([idOf("reply", kept.id)]);
    expect(scenarioFeed.entries[0]!.link).toMatch(new RegExp(`/s/${scenario.id}/r/${kept.id}$`));
    await hide("scenario", scenario.id);
    expect((await get(`/api/v1/scenarios/${scenario.id}/feed.atom`)).status).toBe(404);
  });
});

describe("caching", () => {
  it("answers 304 to a matching ETag or a fresh If-Modified-Since, and a new ETag after a change", async () => {
    const scenario = await createScenario(author, { postId: seedPostId, title: "A cached scenario", body: "Text" });
    await createReply(author, { scenarioId: scenario.id, body: "First" });
    const path = `/api/v1/scenarios/${scenario.id}/feed.atom`;
    const first = await get(path);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    const again = await get(path, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get(path, { "if-none-match": `"other", ${etag}` })).status).toBe(304);
    expect((await get(path, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);
    expect((await get(path, { "if-modified-since": new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    await createReply(author, { scenarioId: scenario.id, body: "Second" });
    const changed = await get(path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});
