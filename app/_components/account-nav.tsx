import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { countUnread } from "@/lib/notify/notifications";
import { signOutAction } from "../actions";
import { NotificationBell } from "./notification-bell";

/** Sign-in links for readers; the notification bell, the member's name, settings and sign-out for members. */
export async function AccountNav() {
  const [{ actor }, t] = await Promise.all([currentContext(), getTranslations("nav")]);
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
  const unread = await countUnread(actor.id);
  return (
    <nav aria-label={t("account")} className="flex items-center gap-1 text-sm">
      <NotificationBell initialUnread={unread} />
      <Link href={`/u/${actor.handle}`} className="flex max-w-40 items-center gap-2 rounded-full px-2 py-1 hover:bg-card">
        <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-bold text-paper">
          {Array.from(actor.name)[0]}
        </span>
        <bdi className="truncate font-medium">{actor.name}</bdi>
      </Link>
      {can(actor, { action: "post.create" }) && (
        <Link href="/new" className="rounded-full px-2.5 py-1.5 font-medium text-accent hover:text-ink">
          {t("newPost")}
        </Link>
      )}
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
