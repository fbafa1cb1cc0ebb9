import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { postTranslations, posts, scenarios, type Locale } from "@/db/schema";
import { visibleTo } from "@/lib/auth/permissions";

/** A sitemap holds at most 50,000 URLs (sitemaps.org); the most recently active come first. */
const sitemapCap = 50_000;

export type IndexablePost = { slug: string; lang: Locale; languages: Locale[]; lastActivityAt: Date };
export type IndexableScenario = { id: string; postSlug: string; lastActivityAt: Date };

/**
 * What search engines may index: every post and scenario an anonymous reader may see (the visibility rule of
 * lib/auth/permissions.ts with no actor), most recently active first, at most the sitemap's cap together.
 */
export async function listIndexable(): Promise<{ posts: IndexablePost[]; scenarios: IndexableScenario[] }> {
  const db = await getDb();
  const postRows = await db
    .select({
      slug: posts.slug,
      lang: posts.lang,
      // Spelt out: in a one-table select drizzle leaves columns unqualified, and "id" would be the translation's.
      translations: sql<Locale[]>`(select coalesce(array_agg(t.lang order by t.lang), '{}') from ${postTranslations} t where t.post_id = "posts"."id")`,
      lastActivityAt: posts.lastActivityAt,
    })
    .from(posts)
    .where(visibleTo(null, posts))
    .orderBy(desc(posts.lastActivityAt))
    .limit(sitemapCap);
  const scenarioRows = await db
    .select({ id: scenarios.id, postSlug: posts.slug, lastActivityAt: scenarios.lastActivityAt })
    .from(scenarios)
    .innerJoin(posts, eq(posts.id, scenarios.postId))
    .where(and(visibleTo(null, posts), visibleTo(null, scenarios)))
    .orderBy(desc(scenarios.lastActivityAt))
    .limit(sitemapCap - postRows.length);
  return {
    posts: postRows.map(({ translations, ...post }) => ({ ...post, languages: [post.lang, ...translations.filter((l) => l !== post.lang)] })),
    scenarios: scenarioRows,
  };
}
