import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { locales, postRevisions, postTranslations, posts, users, type Axes, type LocalizedText } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, assertVisible } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/errors";
import { transactWithEvents } from "@/lib/live/outbox";
import { dropPagesEverywhere } from "@/lib/live/page-drops";
import { indexContent, postSearchDocument } from "@/lib/search/index-content";
import { renderMarkdown } from "@/lib/text/markdown";
import { textLimits } from "@/lib/rules/text-limits";
import { markdownText, userText } from "@/lib/text/normalize";
import { consumeRateLimit } from "@/lib/rate-limit";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { toPostView, type PostView } from "./post-view";
import { uniqueSlug } from "./slugs";

const Title = userText(...textLimits.postTitle);
// As long as a scenario's body: a post and its translation then fit in one 64 KiB request, in Arabic too.
const Body = markdownText(...textLimits.postBody);
const Question = userText(...textLimits.postQuestion);
const Label = userText(...textLimits.axisLabel);

/** A label as one string (the post's language, and the other's until translated) or one per language. */
const LabelInput = z.union([Label, z.object({ ar: Label.optional(), en: Label.optional() }).refine((v) => v.ar || v.en, "needs ar or en")]);
type LabelInput = z.infer<typeof LabelInput>;
const AxisInput = z.object({ label: LabelInput, low: LabelInput, high: LabelInput });
const AxesInput = z.object({
  x: AxisInput,
  y: AxisInput,
  quadrants: z.object({ highHigh: LabelInput, highLow: LabelInput, lowHigh: LabelInput, lowLow: LabelInput }).optional(),
});
type AxesInput = z.infer<typeof AxesInput>;

const TranslationInput = z.object({ lang: z.enum(locales), title: Title, body: Body, question: Question });

function localized(input: LabelInput): LocalizedText {
  if (typeof input === "string") return { ar: input, en: input };
  const either = (input.ar ?? input.en)!;
  return { ar: input.ar ?? either, en: input.en ?? either };
}

function toAxes(input: AxesInput): Axes {
  const axis = (a: AxesInput["x"]) => ({ label: localized(a.label), low: localized(a.low), high: localized(a.high) });
  const q = input.quadrants;
  return {
    x: axis(input.x),
    y: axis(input.y),
    ...(q ? { quadrants: { highHigh: localized(q.highHigh), highLow: localized(q.highLow), lowHigh: localized(q.lowHigh), lowLow: localized(q.lowLow) } } : {}),
  };
}

/** A post opened without axes gets neutral ones, to be named in an edit. */
const defaultAxes: Axes = {
  x: { label: { ar: "المحور الأفقي", en: "Horizontal axis" }, low: { ar: "منخفض", en: "Low" }, high: { ar: "مرتفع", en: "High" } },
  y: { label: { ar: "المحور العمودي", en: "Vertical axis" }, low: { ar: "منخفض", en: "Low" }, high: { ar: "مرتفع", en: "High" } },
};

export const CreatePostInput = z
  .object({
    title: Title,
    body: Body,
    question: Question,
    lang: z.enum(locales),
    axes: AxesInput.optional(),
    translation: TranslationInput.optional(),
  })
  .refine((v) => !v.translation || v.translation.lang !== v.lang, { path: ["translation", "lang"], message: "must differ from the post's language" });
export type CreatePostInput = Unparsed<typeof CreatePostInput>;

/**
 * Opens a post: moderators and admins. Its slug comes from the title (Arabic letters kept, a suffix when taken);
 * an optional translation is stored beside it. Pages kept for anonymous readers are dropped, so the home page
 * lists it at once.
 */
export async function createPost(ctx: Context, input: CreatePostInput): Promise<PostView> {
  // Authorized before the body is read: a caller who may not open posts learns nothing about the schema.
  const actor = assertCan(ctx.actor, { action: "post.create" });
  const { title, body, question, lang, axes, translation } = parseInput(CreatePostInput, input);
  await consumeRateLimit("postCreate", actor.id);
  // Rendered before the transaction, so that the slug lock is not held while 20,000 characters are parsed.
  const html = renderMarkdown(body);
  const translationHtml = translation ? renderMarkdown(translation.body) : "";
  const db = await getDb();
  const view = await db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, title);
    const [post] = await tx
      .insert(posts)
      .values({ slug, lang, title, body, html, question, axes: axes ? toAxes(axes) : defaultAxes, authorId: actor.id })
      .returning();
    const rows = translation
      ? await tx
          .insert(postTranslations)
          .values({ postId: post!.id, lang: translation.lang, title: translation.title, body: translation.body, html: translationHtml, question: translation.question })
          .returning()
      : [];
    await indexContent(tx, [{ targetType: "post", targetId: post!.id, postId: post!.id, document: postSearchDocument([post!, ...rows]) }]);
    return toPostView(post!, rows, undefined, rows.map((r) => r.lang));
  });
  dropPagesEverywhere();
  return view;
}

export const UpdatePostInput = z
  .object({ postId: Identifier, title: Title.optional(), body: Body.optional(), question: Question.optional(), axes: AxesInput.optional() })
  .refine((v) => v.title !== undefined || v.body !== undefined || v.question !== undefined || v.axes !== undefined, "nothing to change");
export type UpdatePostInput = Unparsed<typeof UpdatePostInput>;

/**
 * Edits a post's original text, question or axes: moderators and admins. The version before the edit is kept as
 * a revision; the slug stays, so links keep working. Open pages hear `post.updated`.
 */
export async function updatePost(ctx: Context, input: UpdatePostInput): Promise<PostView> {
  const actor = assertCan(ctx.actor, { action: "post.edit" });
  const { postId, axes, ...changes } = parseInput(UpdatePostInput, input);
  return transactWithEvents(async (tx, emit) => {
    const [before] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update");
    if (!before) throw new NotFound("The post");
    await tx.insert(postRevisions).values({ postId, editorId: actor.id, title: before.title, body: before.body, question: before.question, axes: before.axes });
    const [after] = await tx
      .update(posts)
      .set({
        ...changes,
        ...(changes.body !== undefined ? { html: renderMarkdown(changes.body) } : {}),
        ...(axes ? { axes: toAxes(axes) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(posts.id, postId))
      .returning();
    const translations = await tx.select().from(postTranslations).where(eq(postTranslations.postId, postId));
    await indexContent(tx, [{ targetType: "post", targetId: postId, postId, document: postSearchDocument([after!, ...translations]) }]);
    const view = toPostView(after!, [], undefined, translations.map((t) => t.lang));
    await emit(postId, "post.updated", { post: { id: view.id, title: view.title, question: view.question, axes: view.axes } });
    return { ...view, lastSeq: view.lastSeq + 1 };
  });
}

export type PostRevisionView = { id: string; title: string; body: string; question: string; editor: { id: string; handle: string; name: string }; createdAt: string };

/** Earlier versions of a post's original text, newest first. Anyone who may read the post. */
export async function listPostRevisions(ctx: Context, input: { postId?: unknown }): Promise<PostRevisionView[]> {
  const { postId } = parseInput(z.object({ postId: Identifier }), input);
  const db = await getDb();
  const [post] = await db.select({ status: posts.status, authorId: posts.authorId }).from(posts).where(eq(posts.id, postId));
  assertVisible(ctx.actor, { post });
  const rows = await db
    .select({ revision: postRevisions, editor: { id: users.id, handle: users.handle, name: users.name } })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(desc(postRevisions.createdAt), desc(postRevisions.id));
  return rows.map(({ revision, editor }) => ({
    id: revision.id,
    title: revision.title,
    body: revision.body,
    question: revision.question,
    editor,
    createdAt: revision.createdAt.toISOString(),
  }));
}
