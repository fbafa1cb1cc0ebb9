import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ValidationFailed } from "@/lib/errors";
import { listQueue } from "@/lib/moderation/review-queue";
import { DecideForm } from "./decide-form";
import { moderatorContext } from "./moderator-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation.queue"))("title"), robots: { index: false } };
}

const views = ["open", "autohidden", "deferred"] as const;
type Props = { searchParams: Promise<{ status?: string; cursor?: string }> };

/** The review queue: what the flags point at, why, and the decision with its reason. Moderators only. */
export default async function QueuePage({ searchParams }: Props) {
  const ctx = await moderatorContext("/mod");
  const query = await searchParams;
  const status = views.find((view) => view === query.status) ?? "open";
  const [t, format, page] = await Promise.all([
    getTranslations("moderation.queue"),
    getFormatter(),
    // A cursor that is not one of ours leads nowhere, like any bad address.
    listQueue(ctx, { status, cursor: query.cursor, limit: 20 }).catch((error: unknown) => (error instanceof ValidationFailed ? notFound() : Promise.reject(error))),
  ]);
  return (
    <div className="mx-auto max-w-3xl py-10">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 text-muted">{t("lead")}</p>
      <nav aria-label={t("tabs.label")} className="mt-6 flex flex-wrap gap-2">
        {views.map((view) => (
          <Link
            key={view}
            href={view === "open" ? "/mod" : `/mod?status=${view}`}
            aria-current={view === status ? "page" : undefined}
            className="rounded-full border border-line px-4 py-1.5 text-sm aria-[current=page]:border-accent aria-[current=page]:bg-accent aria-[current=page]:text-paper"
          >
            {t(`tabs.${view}`)}
          </Link>
        ))}
        <Link href="/mod/log" className="ms-auto rounded-full px-3 py-1.5 text-sm text-accent hover:underline">
          {t("logLink")}
        </Link>
      </nav>
      {page.items.length === 0 ? (
        <p className="mt-8 text-muted">{t("empty")}</p>
      ) : (
        <ol className="mt-8 space-y-6">
          {page.items.map((item) => (
            <li key={`${item.targetType}:${item.targetId}`} className="rounded-2xl border border-line bg-card p-5" data-queue-item={item.targetId}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="rounded-full bg-paper px-2.5 py-0.5 font-medium">{t(`type.${item.targetType}`)}</span>
                <span className="font-semibold">{t("score", { score: format.number(item.score, { maximumFractionDigits: 2 }) })}</span>
                <span className="text-muted">{t("flags", { count: item.flags.length })}</span>
                {item.autoHidden && <span className="rounded-full bg-challenges-soft px-2.5 py-0.5 font-medium text-challenges">{t("autoHidden")}</span>}
                {!item.autoHidden && item.target?.status === "hidden" && <span className="rounded-full bg-paper px-2.5 py-0.5 text-muted">{t("hidden")}</span>}
              </div>
              {item.target ? (
                <article className="mt-3">
                  {item.target.title && (
                    <h2 dir="auto" className="text-lg font-semibold">
                      {item.target.title}
                    </h2>
                  )}
                  <p className="text-sm text-muted">
                    {item.target.author ? t("by", { name: item.target.author.name }) : t("noAuthor")}
                    {" · "}
                    <Link href={item.target.url} className="text-accent hover:underline">
                      {t("open")}
                    </Link>
                  </p>
                  <div dir="auto" className="user-text mt-2" dangerouslySetInnerHTML={{ __html: item.target.html }} />
                </article>
              ) : (
                <p className="mt-3 text-muted">{t("gone")}</p>
              )}
              <ul className="mt-4 space-y-2 text-sm">
                {item.flags.map((flag) => (
                  <li key={flag.id}>
                    <span className="font-medium">{t(`reasons.${flag.reason as "spam"}`)}</span>
                    {" — "}
                    <bdi>@{flag.by.handle}</bdi>
                    {", "}
                    <time dateTime={flag.at}>{format.relativeTime(new Date(flag.at))}</time>
                    {flag.note && (
                      <p dir="auto" className="mt-0.5 text-muted">
                        {flag.note}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
              <DecideForm targetType={item.targetType} targetId={item.targetId} version={item.version} />
            </li>
          ))}
        </ol>
      )}
      {page.nextCursor && (
        <Link href={`/mod?status=${status}&cursor=${page.nextCursor}`} className="mt-8 inline-block rounded-full border border-line px-5 py-2 text-sm hover:border-accent">
          {t("more")}
        </Link>
      )}
    </div>
  );
}
