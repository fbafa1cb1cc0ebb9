"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { callApi } from "@/app/_components/client/api-client";
import { announceUnread, onUnread } from "@/app/_components/client/unread-events";

async function markRead(body: { ids: string[] } | { all: true }): Promise<void> {
  const { unread } = await callApi<{ unread: number }>("POST", "/notifications/read", body);
  announceUnread(unread);
}

/** The notification's link: opening it marks it read (without holding up the navigation). */
export function OpenNotification({ id, href, read, children }: { id: string; href: string; read: boolean; children: React.ReactNode }) {
  return (
    <Link href={href} onClick={() => !read && void markRead({ ids: [id] }).catch(() => {})} className="block rounded-lg outline-offset-4 hover:text-accent">
      {children}
    </Link>
  );
}

function MarkButton({ label, body, className }: { label: string; body: { ids: string[] } | { all: true }; className: string }) {
  const t = useTranslations("notifications");
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() => start(() => markRead(body).then(() => setFailed(false), () => setFailed(true)))}
        className={`cursor-pointer rounded-full border border-line font-medium hover:border-accent disabled:opacity-60 ${className}`}
      >
        {label}
      </button>
      {failed && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("failed")}
        </span>
      )}
    </>
  );
}

export function MarkReadButton({ id, label }: { id: string; label: string }) {
  return <MarkButton label={label} body={{ ids: [id] }} className="px-3 py-1 text-xs" />;
}

export function MarkAllReadButton({ label }: { label: string }) {
  return <MarkButton label={label} body={{ all: true }} className="px-4 py-1.5 text-sm" />;
}

/** Renders the page again whenever the unread count moves: a new notification arrived, or some were marked read. */
export function RefreshOnUnread() {
  const router = useRouter();
  useEffect(() => onUnread(() => router.refresh()), [router]);
  return null;
}
