import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { postTranslations, posts } from "@/db/schema";
import { readArticleFile } from "@/db/seed/article-file";
import { seedArticle, seedSlug } from "@/db/seed/seed-article";
import { anonymous } from "@/lib/auth/actor";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { getPost, listPosts } from "@/lib/forum/posts";
import { markdownToHtml } from "@/lib/text/markdown";
import { createActor } from "../support/actors";

const arabic = readArticleFile(path.join(process.cwd(), "db/seed/article.ar.md"));

async function addPost(slug: string, status: "visible" | "hidden" = "visible") {
  const db = await getDb();
  const [post] = await db
    .insert(posts)
    .values({
      slug,
      lang: "en",
      title: `Post ${slug}`,
      body: "Body",
      html: markdownToHtml("Body"),
      question: "Why?",
      axes: { x: { label: { ar: "س", en: "X" }, low: { ar: "أ", en: "lo" }, high: { ar: "ب", en: "hi" } }, y: { label: { ar: "ص", en: "Y" }, low: { ar: "أ", en: "lo" }, high: { ar: "ب", en: "hi" } } },
      status,
    })
    .returning();
  return post!;
}

describe("seed", () => {
  it("puts the Arabic article in place byte for byte, with its English translation", async () => {
    const post = await getPost(anonymous, { idOrSlug: seedSlug });
    expect(post.lang).toBe("ar");
    expect(post.dir).toBe("rtl");
    expect(post.title).toBe(arabic.title);
    expect(post.question).toBe(arabic.question);
    expect(post.disclaimer).toBe(arabic.disclaimer);
    expect(post.body).toBe(arabic.body);
    expect(post.body.split("\n\n")).toHaveLength(18);
    expect(post.html.match(/<p>/g)).toHaveLength(18);
    expect(post.axes.x.label).toBe("الانفتاح الدبلوماسي");
    expect(post.axes.y.label).toBe("التصعيد الجيوسياسي");
    expect(post.languages).toEqual(["ar", "en"]);

    const english = await getPost(anonymous, { idOrSlug: seedSlug, lang: "en" });
    expect(english.id).toBe(post.id);
    expect(english.lang).toBe("en");
    expect(english.dir).toBe("ltr");
    expect(english.question).toMatch(/^To what extent can Russia maintain this delicate balance/);
    expect(english.axes.x.label).toBe("Diplomatic openness");
  });

  it("is idempotent", async () => {
    const db = await getDb();
    await seedArticle(db);
    await seedArticle(db);
    const rows = await db.select().from(posts).where(eq(posts.slug, seedSlug));
    expect(rows).toHaveLength(1);
    const translations = await db.select().from(postTranslations).where(eq(postTranslations.postId, rows[0]!.id));
    expect(translations.map((t) => t.lang)).toEqual(["en"]);
  });
});

describe("getPost", () => {
  it("finds a post by id as well as by slug", async () => {
    const bySlug = await getPost(anonymous, { idOrSlug: seedSlug });
    const byId = await getPost(anonymous, { idOrSlug: bySlug.id });
    expect(byId.slug).toBe(seedSlug);
  });

  it("answers NotFound for an unknown post", async () => {
    await expect(getPost(anonymous, { idOrSlug: "no-such-post" })).rejects.toBeInstanceOf(NotFound);
  });

  it("falls back to the original when the translation does not exist", async () => {
    const post = await addPost("only-english");
    const view = await getPost(anonymous, { idOrSlug: post.slug, lang: "ar" });
    expect(view.lang).toBe("en");
  });

  it("rejects a language it does not know", async () => {
    await expect(getPost(anonymous, { idOrSlug: seedSlug, lang: "fr" })).rejects.toBeInstanceOf(ValidationFailed);
  });

  it("shows a hidden post to moderators only", async () => {
    const hidden = await addPost("hidden-post", "hidden");
    await expect(getPost(anonymous, { idOrSlug: hidden.slug })).rejects.toBeInstanceOf(NotFound);
    const member = await createActor("member");
    await expect(getPost(member, { idOrSlug: hidden.slug })).rejects.toBeInstanceOf(NotFound);
    const moderator = await createActor("moderator");
    expect((await getPost(moderator, { idOrSlug: hidden.slug })).status).toBe("hidden");
  });
});

describe("listPosts", () => {
  it("lists pinned posts first and pages through the rest without repeats", async () => {
    for (let i = 0; i < 7; i++) await addPost(`page-${i}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listPosts(anonymous, { limit: 3, cursor });
      if (pages === 0) expect(page.posts[0]!.slug).toBe(seedSlug);
      seen.push(...page.posts.map((p) => p.slug));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 7; i++) expect(seen).toContain(`page-${i}`);
    expect(seen).not.toContain("hidden-post");
  });

  it("includes hidden posts for moderators", async () => {
    const moderator = await createActor("moderator");
    const { posts: listed } = await listPosts(moderator, { limit: 200 });
    expect(listed.map((p) => p.slug)).toContain("hidden-post");
  });

  it.each([
    [{ limit: 0 }],
    [{ limit: 201 }],
    [{ limit: "ten" }],
    [{ cursor: "not-a-cursor" }],
    [{ cursor: Buffer.from(JSON.stringify(["x"])).toString("base64url") }],
  ])("rejects %j", async (input) => {
    await expect(listPosts(anonymous, input)).rejects.toBeInstanceOf(ValidationFailed);
  });
});
