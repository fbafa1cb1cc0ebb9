import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { getUserByHandle } from "@/lib/auth/accounts";
import { isSuspended } from "@/lib/auth/actor";
import { currentContext } from "@/lib/auth/session";
import { toActor } from "@/lib/auth/user-view";
import { NotFound } from "@/lib/errors";
import { defaultLocale, localeOr } from "@/lib/i18n/locale";
import { previewMetadata } from "@/app/_components/meta/page-metadata";
import { listUserScores } from "@/lib/forecasts/resolution";
import { listContributions } from "@/lib/forum/contributions";
import { postPath } from "@/lib/forum/paths";
import { isFollowing } from "@/lib/notify/follows";
import { ContributionList } from "@/app/_components/forum/contribution-list";
import { FollowButton } from "@/app/_components/forum/follow-button";
import { MemberModeration } from "./member-moderation";

type Props = { params: Promise<{ handle: string }> };

const loadUser = cache(async (handle: string) => {
  try {
    return await getUserByHandle(await currentContext(), decodeURIComponent(handle));
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [user, t, locale] = await Promise.all([loadUser((await params).handle), getTranslations("site"), getLocale()]);
  const title = `${user.name} (@${user.handle})`;
  return previewMetadata({ title, description: t("tagline"), path: `/u/${encodeURIComponent(user.handle)}`, lang: localeOr(locale, defaultLocale), siteName: t("name"), type: "website" });
}

const roleTone = {
  member: "bg-line/60 text-ink",
  moderator: "bg-accent-soft text-accent",
  admin: "bg-gold-soft text-gold",
} as const;

export default async function ProfilePage({ params }: Props) {
  const user = await loadUser((await params).handle);
  const [t, tScores, format, ctx] = await Promise.all([getTranslations("profile"), getTranslations("scores"), getFormatter(), currentContext()]);
  const [scores, contributions, following] = await Promise.all([
    listUserScores(ctx, { userId: user.id }),
    listContributions(ctx, { userId: user.id }),
    isFollowing(ctx, "user", user.id),
  ]);
  const mean = scores.length > 0 ? scores.reduce((sum, s) => sum + s.brier, 0) / scores.length : null;
  const brier = (value: number) => format.number(value, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const isSelf = ctx.actor?.id === user.id;
  return (
    <div className="mx-auto max-w-3xl py-10">
      <header className="flex flex-wrap items-center gap-5 rounded-3xl border border-line bg-card p-6 sm:p-8">
        <div aria-hidden="true" className="flex size-16 shrink-0 items-center justify-center rounded-full bg-accent text-2xl font-bold text-paper">
          {Array.from(user.name)[0]}
        </div>
        <div className="min-w-0 flex-1">
          <h1 dir="auto" className="text-2xl font-bold break-words">
            {user.name}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-muted">
            <bdi dir="ltr">@{user.handle}</bdi>
            <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${roleTone[user.role]}`}>{t(`role.${user.role}`)}</span>
            <span>{t("joined", { date: format.dateTime(user.createdAt, { dateStyle: "long" }) })}</span>
          </p>
          {isSuspended(toActor(user)) && (
            <p className="mt-2 text-sm text-red-700 dark:text-red-400">
              {t("suspended", { date: format.dateTime(user.suspendedUntil!, { dateStyle: "long" }) })}
            </p>
          )}
        </div>
        {!isSelf && <FollowButton targetType="user" targetId={user.id} initialFollowing={following} initialCount={user.followerCount} signedIn={!!ctx.actor} />}
        {isSelf && (
          <Link href="/settings" className="rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent">
            {t("edit")}
          </Link>
        )}
      </header>
      <section aria-labelledby="record-heading" className="mt-10">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="record-heading" className="text-xl font-semibold">
            {tScores("profileHeading")}
          </h2>
          {mean !== null && (
            <p className="text-sm text-muted">
              {tScores("profileMean", { count: scores.length })} <strong className="font-bold text-ink tabular-nums">{brier(mean)}</strong>
            </p>
          )}
        </div>
        <p className="mt-1 text-sm text-muted">{tScores("explain")}</p>
        {scores.length === 0 ? (
          <p className="mt-4 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{tScores("profileEmpty")}</p>
        ) : (
          <ul className="mt-4 divide-y divide-line overflow-hidden rounded-2xl border border-line bg-card">
            {scores.map((score) => (
              <li key={score.post.id} className="flex items-center justify-between gap-4 px-5 py-3.5">
                <Link href={`${postPath(score.post.slug)}#scores`} lang={score.post.lang} dir="auto" className="min-w-0 font-medium break-words hover:text-accent hover:underline">
                  {score.post.title}
                </Link>
                <span className="shrink-0 text-end">
                  <span className="sr-only">{tScores("brier")}: </span>
                  <span className="font-bold tabular-nums">{brier(score.brier)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MemberModeration ctx={ctx} user={user} />
      <section aria-labelledby="contributions-heading" className="mt-10">
        <h2 id="contributions-heading" className="text-xl font-semibold">
          {t("contributions")}
        </h2>
        <ContributionList {...contributions} />
      </section>
    </div>
  );
}
