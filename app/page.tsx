import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { feedPaths } from "@/lib/feeds/feeds";
import { currentContext } from "@/lib/auth/session";
import { listPosts } from "@/lib/forum/posts";
import { defaultLocale, localeOr } from "@/lib/i18n/locale";
import { BalanceMark } from "@/app/_components/ui/balance-mark";
import { PostCard } from "@/app/_components/forum/post-card";
import { FeedLink } from "@/app/_components/forum/feed-link";
import { previewMetadata } from "@/app/_components/meta/page-metadata";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeeds, locale] = await Promise.all([getTranslations("site"), getTranslations("feeds"), getLocale()]);
  return {
    ...previewMetadata({
      title: t("name"),
      description: t("tagline"),
      path: "/",
      lang: localeOr(locale, defaultLocale),
      siteName: t("name"),
      feed: { path: feedPaths.siteIn(localeOr(locale, defaultLocale)), title: tFeeds("siteTitle") },
    }),
    title: { absolute: t("name") },
  };
}

export default async function HomePage() {
  // As the real reader: a moderator sees hidden posts too (anonymous readers may get it from the page cache).
  const [t, locale, ctx] = await Promise.all([getTranslations("home"), getLocale(), currentContext()]);
  const { posts } = await listPosts(ctx, { limit: 50, lang: localeOr(locale, undefined) });
  const [featured, ...rest] = posts;
  return (
    <div className="py-10 sm:py-14">
      <section className="max-w-3xl">
        <h1 className="flex items-center gap-3 text-4xl font-bold tracking-tight sm:text-5xl">
          <BalanceMark className="size-11 text-gold sm:size-12" />
          {t("title")}
        </h1>
        <p className="mt-4 text-lg leading-relaxed text-muted sm:text-xl">{t("intro")}</p>
        <div className="mt-5">
          <FeedLink href={feedPaths.siteIn(localeOr(locale, defaultLocale))} what={t("title")} />
        </div>
      </section>

      {featured ? (
        <section aria-labelledby="featured-heading" className="mt-10">
          <h2 id="featured-heading" className="mb-3 text-sm font-semibold tracking-wide text-accent">
            {t("featured")}
          </h2>
          <PostCard post={featured} featured />
        </section>
      ) : (
        <p className="mt-10 text-muted">{t("noPosts")}</p>
      )}

      {rest.length > 0 && (
        <section aria-labelledby="all-heading" className="mt-12">
          <h2 id="all-heading" className="mb-4 text-xl font-semibold">
            {t("allPosts")}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {rest.map((post) => (
              <PostCard key={post.id} post={post} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
