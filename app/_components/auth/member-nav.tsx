"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { signOutAction } from "@/app/actions";
import { PlusIcon } from "@/app/_components/ui/icons";
import { useMemberLayer } from "@/app/_components/auth/member-layer";
import { NotificationBell } from "@/app/_components/ui/notification-bell";
import { QueueCount } from "@/app/_components/moderation/queue-count";

type Props = {
  viewer: { handle: string; name: string; mayCreatePost: boolean };
  unread: number;
  /** Items waiting in the review queue, for moderators; null for everyone else. */
  waiting: number | null;
};

/** The header of a signed-in member: the notification bell, their name, a new post, the queue, settings and sign-out. */
export function MemberNav({ viewer, unread, waiting }: Props) {
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("account")} className="flex flex-wrap items-center justify-end gap-1 text-sm">
      <NotificationBell initialUnread={unread} />
      <Link href={`/u/${viewer.handle}`} className="flex max-w-40 items-center gap-2 rounded-full px-2 py-1 hover:bg-card">
        <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-bold text-paper">
          {Array.from(viewer.name)[0]}
        </span>
        <bdi className="truncate font-medium">{viewer.name}</bdi>
      </Link>
      {viewer.mayCreatePost && (
        // On a phone only the plus shows: the header has room for one line; the words stay for screen readers.
        <Link href="/new" className="flex items-center gap-1 rounded-full px-2.5 py-1.5 font-medium whitespace-nowrap text-accent hover:text-ink">
          <PlusIcon />
          <span className="max-sm:sr-only">{t("newPost")}</span>
        </Link>
      )}
      {waiting !== null && <QueueCount initial={waiting} />}
      <Link href="/settings" className="rounded-full px-2.5 py-1.5 text-muted hover:text-ink">
        {t("settings")}
      </Link>
      <form action={signOutAction}>
        <button type="submit" className="cursor-pointer rounded-full px-2.5 py-1.5 text-muted hover:text-ink">
          {t("signOut")}
        </button>
      </form>
    </nav>
  );
}

/** On a page from the shared render: the sign-in links (children) until the member's layer says who is reading. */
export function SharedAccountNav({ children }: { children: React.ReactNode }) {
  const layer = useMemberLayer();
  return layer ? <MemberNav viewer={layer.viewer} unread={layer.unreadNotifications} waiting={null} /> : children;
}
