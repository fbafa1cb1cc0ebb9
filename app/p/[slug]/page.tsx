import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { getPost } from "@/lib/forum/posts";
import { localeOr } from "@/lib/i18n/locale";
import { isFollowing } from "@/lib/notify/follows";
import { feedPaths } from "@/lib/feeds/feeds";
import { postPath, postPathIn } from "@/lib/forum/paths";
import { FeedLink } from "@/app/_components/forum/feed-link";
import { previewMetadata } from "@/app/_components/meta/page-metadata";
import { LiveProvider } from "@/app/_components/live/live-context";
import { LiveStatus } from "@/app/_components/live/live-status";
import { FollowButton } from "@/app/_components/forum/follow-button";
import { ModerationMenu } from "@/app/_components/moderation/moderation-menu";
import { HiddenNotice } from "@/app/_components/moderation/moderation-notice";
import { ForecastArea, ResolvePanel } from "./forecast-section";
import { parseSort, ScenarioSection } from "./scenario-section";
import { decodeSlug, notFoundOn } from "./page-reads";
import { ContestModePanel } from "./contest-mode-panel";
import { SlowModePanel } from "./slow-mode-panel";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ lang?: string | string[]; sort?: string | string[]; cursor?: string | string[] }>;
};

/**
 * The article in the language asked for (?lang=), else the reader's interface language, else the original.
 * Cached per request: metadata and page share one read.
 */
const loadPost = cache(async ({ params, searchParams }: Props) => {
  const [{ slug }, { lang }, locale, ctx] = await Promise.all([params, searchParams, getLocale(), currentContext()]);
  const wanted: Locale | undefined = localeOr(lang, localeOr(locale, undefined));
  // As the real reader, so a moderator (or the author) can open a hidden post; see lib/http/page-cache.ts.
  return getPost(ctx, { idOrSlug: decodeSlug(slug), lang: wanted }).catch(notFoundOn);
});

/** A post in several languages has one canonical URL per language (`?lang=`); bare `/p/slug` negotiates. */
export async function generateMetadata(props: Props): Promise<Metadata> {
  const [post, tSite, tFeeds] = await Promise.all([loadPost(props), getTranslations("site"), getTranslations("feeds")]);
  return previewMetadata({
    title: post.title,
    description: post.question,
    path: postPathIn(post, post.lang),
    lang: post.lang,
    siteName: tSite("name"),
    languages: { byLang: Object.fromEntries(post.languages.map((lang) => [lang, postPathIn(post, lang)])), fallback: postPath(post.slug) },
    feed: { path: feedPaths.post(post.id), title: tFeeds("postTitle", { post: post.title }) },
    largeImage: true,
    type: "article",
  });
}

export default async function PostPage(props: Props) {
  const [post, query, ctx] = await Promise.all([loadPost(props), props.searchParams, currentContext()]);
  const { actor } = ctx;
  const moderates = can(actor, { action: "content.moderate" });
  const [t, format, following] = await Promise.all([getTranslations("post"), getFormatter(), isFollowing(ctx, "post", post.id)]);
  const original = post.languages[0];
  const others = post.languages.filter((l) => l !== post.lang);

  return (
    <div className="py-8 sm:py-12">
      <article className="mx-auto max-w-[42rem]">
        <header>
          <HiddenNotice status={post.status} moderation={post.moderation} className="mb-5" />
          <div className="flex items-start justify-between gap-3">
            <p className="text-sm font-semibold tracking-wide text-gold">{t("kicker")}</p>
            {moderates && <ModerationMenu targetType="post" targetId={post.id} hidden={post.status === "hidden"} locked={post.locked} version={post.moderation?.version ?? 0} />}
          </div>
          <h1 lang={post.lang} dir="auto" className="font-article mt-3 text-3xl font-bold leading-[1.45] sm:text-4xl sm:leading-[1.4]">
            {post.title}
          </h1>
          <div className="mt-5 flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line pb-5 text-sm text-muted">
            <time dateTime={post.createdAt}>{t("published", { date: format.dateTime(new Date(post.createdAt), { dateStyle: "long" }) })}</time>
            <span aria-hidden="true">·</span>
            <span>{post.lang === original ? t("originalNote") : t("translationNote")}</span>
            {others.map((lang) => (
              <Link
                key={lang}
                href={`/p/${post.slug}?lang=${lang}`}
                hrefLang={lang}
                className="ms-auto rounded-full border border-line px-3 py-1 font-medium text-accent hover:border-accent"
              >
                {t("readIn", { language: t(`languageName.${lang}`) })}
              </Link>
            ))}
          </div>
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
            <FollowButton targetType="post" targetId={post.id} initialFollowing={following} initialCount={post.followerCount} signedIn={!!actor} />
            <FeedLink href={feedPaths.post(post.id)} what={post.title} />
          </div>
        </header>

        <div lang={post.lang} dir="auto" className="article-text mt-8" dangerouslySetInnerHTML={{ __html: post.html }} />

        <section aria-labelledby="question-heading" className="mt-10 rounded-2xl border border-gold/40 bg-gold-soft p-6 sm:p-8">
          <h2 id="question-heading" className="text-sm font-semibold tracking-wide text-gold">
            {t("question")}
          </h2>
          <p lang={post.lang} dir="auto" className="article-text mt-3 !text-2xl font-semibold !leading-[1.7] sm:!text-[1.7rem]">
            {post.question}
          </p>
          <p className="mt-4 text-sm text-muted">{t("questionHint")}</p>
        </section>

        {post.disclaimer && (
          <aside aria-label={t("disclaimer")} className="mt-8 border-s-2 border-line ps-4 text-sm text-muted">
            <p lang={post.lang} dir="auto">
              {post.disclaimer}
            </p>
          </aside>
        )}
      </article>

      {/* The map (with both axes named end to end) stands where the axes legend stood: it is the legend. */}
      <div className="mx-auto mt-12 max-w-[42rem] space-y-10">
        <LiveProvider postId={post.id} initialSeq={post.lastSeq} viewerId={actor?.id ?? null} moderates={moderates}>
          <LiveStatus />
          <ForecastArea post={post} />
          <ScenarioSection
            post={post}
            sort={parseSort(query.sort)}
            cursor={typeof query.cursor === "string" ? query.cursor : undefined}
            lang={localeOr(query.lang, undefined)}
          />
          <ResolvePanel post={post} />
          <SlowModePanel post={post} />
          <ContestModePanel post={post} />
        </LiveProvider>
      </div>
    </div>
  );
}
