import type { Locale } from "@/db/schema";

/** The public paths of posts and scenarios, one way everywhere (pages, feeds, previews, the sitemap). */
export const postPath = (slug: string) => `/p/${encodeURIComponent(slug)}`;
export const scenarioPath = (slug: string, scenarioId: string) => `${postPath(slug)}/s/${scenarioId}`;

/** A post's path in one of its languages: `?lang=` only when it has several (bare `/p/slug` negotiates). */
export const postPathIn = (post: { slug: string; languages: readonly Locale[] }, lang: Locale) =>
  post.languages.length > 1 ? `${postPath(post.slug)}?lang=${lang}` : postPath(post.slug);

/** A reply's own page: its branch of the thread. */
export const replyPath = (slug: string, scenarioId: string, replyId: string) => `${scenarioPath(slug, scenarioId)}/r/${replyId}`;

/** A reply in its scenario's thread: the page of the thread that starts with it, scrolled to it. */
export const replyInThreadPath = (slug: string, scenarioId: string, replyId: string) => `${scenarioPath(slug, scenarioId)}?reply=${replyId}#reply-${replyId}`;
