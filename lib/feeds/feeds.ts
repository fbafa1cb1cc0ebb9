import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { posts, replies, scenarios, users, type Locale } from "@/db/schema";
import { assertVisible, visibleTo } from "@/lib/auth/permissions";
import { defaultLocale } from "@/lib/i18n/locale";
import { translatorIn } from "@/lib/i18n/translator";
import { postPath, replyPath, scenarioPath } from "@/lib/forum/paths";
import { findReadableScenario } from "@/lib/forum/replies";
import { absoluteUrl, siteUrl } from "@/lib/site-url";
import { excerptFromMarkdown } from "@/lib/text/excerpt";
import { Identifier, parseInput, PostKey, type Unparsed } from "@/lib/validation";
import { feedLimit, type FeedDocument, type FeedEntry } from "./atom";

/**
 * The site's feeds: new posts, a post's new scenarios and its resolution, a scenario's new replies. Always read
 * as an anonymous reader, whoever asks (a feed is shared and cached): the visibility rule of
 * lib/auth/permissions.ts with no actor, so hidden content, and anything on it, never appears.
 */

export const feedPaths = {
  site: "/api/v1/feed.atom",
  /** The site feed in a reader's language (its entries keep each post's own). */
  siteIn: (lang: Locale) => (lang === defaultLocale ? feedPaths.site : `${feedPaths.site}?lang=${lang}`),
  post: (postId: string) => `/api/v1/posts/${postId}/feed.atom`,
  scenario: (scenarioId: string) => `/api/v1/scenarios/${scenarioId}/feed.atom`,
};

/** Entry ids are tag URIs (RFC 4151): permanent, whatever the slug becomes. */
const tagId = (what: string) => `tag:${new URL(siteUrl()).hostname},2026:${what}`;
const translator = (lang: Locale) => translatorIn(lang, "feeds");
const newest = (dates: Date[], fallback: Date) => new Date(Math.max(fallback.getTime(), ...dates.map((d) => d.getTime())));

/**
 * When a moderator last hid, restored or merged one of the rows a feed chooses from: a feed changes then too
 * (an entry leaves or comes back), so its `updated` and Last-Modified move forward, and a reader asking with
 * If-Modified-Since does not keep a hidden entry.
 */
async function lastModeration(table: typeof posts | typeof scenarios | typeof replies, where?: SQL): Promise<Date> {
  const [row] = await (await getDb())
    .select({ at: sql<string | Date | null>`max((${table.moderation}->>'at')::timestamptz)` })
    .from(table)
    .where(where);
  return row?.at ? new Date(row.at) : new Date(0);
}

export const SiteFeedInput = z.object({ lang: z.enum(["ar", "en"]).optional() });
export type SiteFeedInput = Unparsed<typeof SiteFeedInput>;

/** The newest posts; each entry in its own language, the feed's titles in `lang` (default Arabic). */
export async function siteFeed(input: SiteFeedInput): Promise<FeedDocument> {
  const { lang = defaultLocale } = parseInput(SiteFeedInput, input);
  const t = translator(lang);
  const rows = await (await getDb())
    .select({ post: posts, author: users.name })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(visibleTo(null, posts))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(feedLimit);
  const entries: FeedEntry[] = rows.map(({ post, author }) => ({
    id: tagId(`post/${post.id}`),
    title: post.title,
    url: absoluteUrl(postPath(post.slug)),
    published: post.createdAt,
    updated: post.updatedAt,
    author: author ?? t("forum"),
    summary: post.question,
    html: post.html,
    lang: post.lang,
  }));
  return {
    id: tagId("posts"),
    title: t("siteTitle"),
    subtitle: t("siteSubtitle"),
    lang,
    pageUrl: absoluteUrl("/"),
    selfUrl: absoluteUrl(feedPaths.siteIn(lang)),
    updated: newest(entries.map((e) => e.updated), await lastModeration(posts)),
    entries,
  };
}

async function findPost(idOrSlug: string) {
  const [post] = await (await getDb()).select().from(posts).where(or(eq(posts.id, idOrSlug), eq(posts.slug, idOrSlug))).limit(1);
  assertVisible(null, { post });
  return post!;
}

/** The scenario that resolved a post, by name only while an anonymous reader may see it. */
async function resolutionEntry(post: Awaited<ReturnType<typeof findPost>>): Promise<FeedEntry | null> {
  if (!post.resolvedAt || !post.resolutionOutcome) return null;
  const t = translator(post.lang);
  const [happened] = post.resolvedScenarioId
    ? await (await getDb())
        .select({ title: scenarios.title })
        .from(scenarios)
        .where(and(eq(scenarios.id, post.resolvedScenarioId), visibleTo(null, scenarios)))
    : [];
  const title =
    post.resolutionOutcome === "annulled" ? t("annulled") : happened ? t("resolvedScenario", { scenario: happened.title }) : t("resolvedOther");
  return {
    id: tagId(`post/${post.id}/resolution`),
    title,
    url: absoluteUrl(`${postPath(post.slug)}#scores`),
    published: post.resolvedAt,
    updated: post.resolvedAt,
    author: t("forum"),
    summary: post.resolutionNote || undefined,
  };
}

export const PostFeedInput = z.object({ postId: PostKey });
export type PostFeedInput = Unparsed<typeof PostFeedInput>;

/** A post's newest scenarios, and its resolution once it is resolved; in the post's original language. */
export async function postFeed(input: PostFeedInput): Promise<FeedDocument> {
  const { postId } = parseInput(PostFeedInput, input);
  const post = await findPost(postId);
  const t = translator(post.lang);
  const rows = await (await getDb())
    .select({ scenario: scenarios, author: users.name })
    .from(scenarios)
    .innerJoin(users, eq(users.id, scenarios.authorId))
    .where(and(eq(scenarios.postId, post.id), visibleTo(null, scenarios)))
    .orderBy(desc(scenarios.createdAt), desc(scenarios.id))
    .limit(feedLimit);
  const entries: FeedEntry[] = rows.map(({ scenario, author }) => ({
    id: tagId(`scenario/${scenario.id}`),
    title: scenario.title,
    url: absoluteUrl(scenarioPath(post.slug, scenario.id)),
    published: scenario.createdAt,
    updated: scenario.editedAt ?? scenario.createdAt,
    author,
    summary: scenario.excerpt || undefined,
    html: scenario.html,
  }));
  const resolution = await resolutionEntry(post);
  if (resolution) entries.unshift(resolution);
  return {
    id: tagId(`post/${post.id}`),
    title: t("postTitle", { post: post.title }),
    subtitle: post.question,
    lang: post.lang,
    pageUrl: absoluteUrl(postPath(post.slug)),
    selfUrl: absoluteUrl(feedPaths.post(post.id)),
    updated: newest([...entries.map((e) => e.updated), await lastModeration(scenarios, eq(scenarios.postId, post.id))], post.createdAt),
    entries: entries.slice(0, feedLimit),
  };
}

export const ScenarioFeedInput = z.object({ scenarioId: Identifier });
export type ScenarioFeedInput = Unparsed<typeof ScenarioFeedInput>;

/** A scenario's newest replies, in its post's language. */
export async function scenarioFeed(input: ScenarioFeedInput): Promise<FeedDocument> {
  const { scenarioId } = parseInput(ScenarioFeedInput, input);
  const { scenario, post } = await findReadableScenario(null, scenarioId);
  const t = translator(post.lang);
  const rows = await (await getDb())
    .select({ reply: replies, author: users.name })
    .from(replies)
    .innerJoin(users, eq(users.id, replies.authorId))
    .where(and(eq(replies.scenarioId, scenario.id), visibleTo(null, replies)))
    .orderBy(desc(replies.createdAt), desc(replies.id))
    .limit(feedLimit);
  const page = scenarioPath(post.slug, scenario.id);
  const entries: FeedEntry[] = rows.map(({ reply, author }) => ({
    id: tagId(`reply/${reply.id}`),
    title: t("replyTitle", { name: author }),
    url: absoluteUrl(replyPath(post.slug, scenario.id, reply.id)),
    published: reply.createdAt,
    updated: reply.editedAt ?? reply.createdAt,
    author,
    summary: excerptFromMarkdown(reply.body) || undefined,
    html: reply.html,
  }));
  return {
    id: tagId(`scenario/${scenario.id}`),
    title: t("scenarioTitle", { scenario: scenario.title }),
    subtitle: post.title,
    lang: post.lang,
    pageUrl: absoluteUrl(page),
    selfUrl: absoluteUrl(feedPaths.scenario(scenario.id)),
    updated: newest([...entries.map((e) => e.updated), await lastModeration(replies, eq(replies.scenarioId, scenario.id))], scenario.editedAt ?? scenario.createdAt),
    entries,
  };
}
