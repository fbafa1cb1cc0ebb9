import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { locales, postTranslations, posts, type Locale, type Post } from "@/db/schema";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import type { Actor, Context } from "@/lib/auth/actor";
import { assertVisible, visibleTo } from "@/lib/auth/permissions";
import { Identifier, parseInput, PostKey, type Unparsed } from "@/lib/validation";
import { moderationFor } from "./moderation-view";
import { toPostView, type PostView } from "./post-view";

export const ListPostsInput = z.object({
  limit: Limit,
  cursor: z.string().max(500).optional(),
  lang: z.enum(locales).optional(),
});
export type ListPostsInput = Unparsed<typeof ListPostsInput>;

const PostCursor = z.tuple([z.boolean(), z.iso.datetime(), Identifier]);

async function withTranslations(viewer: Actor | null, rows: Post[], lang?: (typeof locales)[number]): Promise<PostView[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const translations = await db
    .select()
    .from(postTranslations)
    .where(inArray(postTranslations.postId, rows.map((p) => p.id)));
  return rows.map((post) => {
    const own = translations.filter((t) => t.postId === post.id);
    return { ...toPostView(post, own, lang, own.map((t) => t.lang)), ...moderationFor(viewer, post) };
  });
}

/** Lists posts, pinned first, then by latest activity (a new scenario or reply, or the post's opening). Anyone may call it; hidden posts only for moderators and their authors. */
export async function listPosts(
  ctx: Context,
  input: ListPostsInput,
): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const { limit, cursor, lang } = parseInput(ListPostsInput, input);
  const db = await getDb();
  const filters: SQL[] = [];
  const shown = visibleTo(ctx.actor, posts);
  if (shown) filters.push(shown);
  if (cursor) {
    const [pinned, lastActivityAt, id] = decodeCursor(cursor, PostCursor);
    filters.push(
      or(
        sql`${posts.isPinned} < ${pinned}`,
        and(eq(posts.isPinned, pinned), sql`(${posts.lastActivityAt}, ${posts.id}) < (${lastActivityAt}::timestamptz, ${id})`),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(posts)
    .where(and(...filters))
    .orderBy(desc(posts.isPinned), desc(posts.lastActivityAt), desc(posts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    posts: await withTranslations(ctx.actor, page, lang),
    nextCursor: rows.length > limit && last ? encodeCursor([last.isPinned, last.lastActivityAt.toISOString(), last.id]) : null,
  };
}

export const GetPostInput = z.object({
  idOrSlug: PostKey,
  lang: z.enum(locales).optional(),
});
export type GetPostInput = Unparsed<typeof GetPostInput>;

/** Reads one post by id or slug. Anyone may call it; a hidden post reads as not found except to moderators and its author. */
export async function getPost(ctx: Context, input: GetPostInput): Promise<PostView> {
  const { idOrSlug, lang } = parseInput(GetPostInput, input);
  const db = await getDb();
  // One round trip: the post, the translation asked for (if any), and the list of its translations' languages.
  const [row] = await db
    .select({
      post: posts,
      translation: postTranslations,
      languages: sql<Locale[]>`(select coalesce(array_agg(${postTranslations.lang} order by ${postTranslations.lang}), '{}') from ${postTranslations} where ${postTranslations.postId} = ${posts.id})`,
    })
    .from(posts)
    .leftJoin(postTranslations, and(eq(postTranslations.postId, posts.id), lang ? eq(postTranslations.lang, lang) : sql`false`))
    .where(or(eq(posts.id, idOrSlug), eq(posts.slug, idOrSlug)))
    .limit(1);
  assertVisible(ctx.actor, { post: row?.post });
  return { ...toPostView(row!.post, row!.translation ? [row!.translation] : [], lang, row!.languages), ...moderationFor(ctx.actor, row!.post) };
}
