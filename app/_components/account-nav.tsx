import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { countPendingReviews } from "@/lib/moderation/review-queue";
import { countUnread } from "@/lib/notify/notifications";
import { signOutAction } from "../actions";
import { PlusIcon } from "./icons";
import { NotificationBell } from "./notification-bell";
import { QueueCount } from "./queue-count";

/** Sign-in links for readers; the notification bell, the member's name, settings and sign-out for members. */
export async function AccountNav() {
  const [ctx, t] = await Promise.all([currentContext(), getTranslations("nav")]);
  const { actor } = ctx;
  if (!actor) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <Link href="/signin" className="rounded-full px-3 py-1.5 font-medium text-ink hover:text-accent">
          {t("signIn")}
        </Link>
        <Link href="/signup" className="rounded-full bg-accent px-3.5 py-1.5 font-medium text-paper hover:opacity-90">
          {t("signUp")}
        </Link>
      </div>
    );
  }
  const [waiting, unread] = await Promise.all([countPendingReviews(ctx), countUnread(actor.id)]);
  return (
    <nav aria-label={t("account")} className="flex flex-wrap items-center justify-end gap-1 text-sm">
      <NotificationBell initialUnread={unread} />
      <Link href={`/u/${actor.handle}`} className="flex max-w-40 items-center gap-2 rounded-full px-2 py-1 hover:bg-card">
        <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-bold text-paper">
          {Array.from(actor.name)[0]}
        </span>
        <bdi className="truncate font-medium">{actor.name}</bdi>
      </Link>
      {can(actor, { action: "post.create" }) && (
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
