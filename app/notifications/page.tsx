import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { Locale } from "@/db/schema";
import { currentContext } from "@/lib/auth/session";
import { ValidationFailed } from "@/lib/errors";
import { listNotifications } from "@/lib/notify/notifications";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import { MarkAllReadButton, MarkReadButton, OpenNotification, RefreshOnUnread } from "./notification-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ unread?: string; cursor?: string }> };

const pageSize = 20;

export default async function NotificationsPage({ searchParams }: Props) {
  const ctx = await currentContext();
  if (!ctx.actor) redirect("/signin?next=/notifications");
  const [query, t, locale] = await Promise.all([searchParams, getTranslations("notifications"), getLocale()]);
  const onlyUnread = query.unread === "1";
  const page = await listNotifications(ctx, { unread: onlyUnread ? "1" : undefined, cursor: query.cursor, limit: pageSize, locale: locale as Locale }).catch((error: unknown) => {
    if (error instanceof ValidationFailed) redirect(onlyUnread ? "/notifications?unread=1" : "/notifications");
    throw error;
  });
  const tab = (active: boolean) => `rounded-full px-3.5 py-1.5 text-sm font-medium ${active ? "bg-ink text-paper" : "text-muted hover:text-ink"}`;
  return (
    <div className="mx-auto max-w-2xl py-10">
      <RefreshOnUnread />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <span className="text-muted tabular-nums">{t("unreadCount", { count: page.unread })}</span>
        {page.unread > 0 && (
          <div className="ms-auto">
            <MarkAllReadButton label={t("markAllRead")} />
          </div>
        )}
      </div>
      <nav aria-label={t("filter")} className="mt-5 flex gap-1">
        <Link href="/notifications" aria-current={onlyUnread ? undefined : "page"} className={tab(!onlyUnread)}>
          {t("all")}
        </Link>
        <Link href="/notifications?unread=1" aria-current={onlyUnread ? "page" : undefined} className={tab(onlyUnread)}>
          {t("onlyUnread")}
        </Link>
      </nav>
      {page.notifications.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{t("empty")}</p>
      ) : (
        <ul className="mt-6 divide-y divide-line rounded-2xl border border-line bg-card">
          {page.notifications.map((n) => (
            <li key={n.id} data-notification={n.type} data-read={n.read} className={`flex items-start gap-3 px-4 py-3 ${n.read ? "" : "bg-accent-soft/40"}`}>
              <span aria-hidden="true" className={`mt-2 size-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-accent"}`} />
              <div className="min-w-0 flex-1">
                <OpenNotification id={n.id} href={n.url} read={n.read}>
                  <p className={n.read ? "" : "font-semibold"}>
                    {!n.read && <span className="sr-only">{t("unread")}: </span>}
                    {n.text}
                  </p>
                </OpenNotification>
                <TimeAgo iso={n.at} className="mt-0.5 block text-sm text-muted" />
              </div>
              {!n.read && <MarkReadButton id={n.id} label={t("markRead")} />}
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <div className="mt-6 text-center">
          <Link
            href={`/notifications?${new URLSearchParams({ ...(onlyUnread ? { unread: "1" } : {}), cursor: page.nextCursor })}`}
            className="rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent"
          >
            {t("more")}
          </Link>
        </div>
      )}
    </div>
  );
}
