"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { BellIcon } from "@/app/_components/ui/icons";
import { announceUnread, onUnread } from "@/app/_components/client/unread-events";
import { callApi } from "@/app/_components/client/api-client";
import { joinLiveSocket } from "@/app/_components/client/live-socket";

/**
 * The header's bell: the member's unread count, kept current over socket.io (the server emits `notification`
 * {unread} to the member's own room on every node) and asked afresh after a reconnect, when anything may have
 * been missed.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations("notifications");
  const [unread, setUnread] = useState(initialUnread);

  useEffect(() => {
    const stop = onUnread(setUnread);
    const onNotification = (message: { unread: number }) => announceUnread(message.unread);
    const leave = joinLiveSocket(
      (socket) => {
        socket.on("notification", onNotification);
        return () => socket.off("notification", onNotification);
      },
      (_socket, again) => {
        if (!again) return;
        callApi<{ unread: number }>("GET", "/notifications?unread=1&limit=1").then(
          (page) => announceUnread(page.unread),
          () => {},
        );
      },
    );
    return () => {
      stop();
      leave();
    };
  }, []);

  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={t("bell", { count: unread })}
      data-unread={unread}
      className="relative flex size-9 items-center justify-center rounded-full text-muted hover:bg-card hover:text-ink"
    >
      <BellIcon />
      {unread > 0 && (
        <span
          aria-hidden="true"
          className="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-accent px-1 text-center text-[0.7rem] leading-5 font-bold text-paper tabular-nums"
        >
          {shown}
        </span>
      )}
    </Link>
  );
}
