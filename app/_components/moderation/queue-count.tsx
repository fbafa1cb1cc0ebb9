"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";

/**
 * The moderators' header link to the review queue with the number of items waiting, kept current by the
 * `queue.changed` event every moderator's socket receives.
 */
export function QueueCount({ initial }: { initial: number }) {
  const t = useTranslations("moderation");
  const [open, setOpen] = useState(initial);
  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"] });
    socket.on("queue.changed", (payload: { open?: unknown }) => {
      if (typeof payload?.open === "number") setOpen(payload.open);
    });
    return () => {
      socket.close();
    };
  }, []);
  return (
    <Link href="/mod" aria-label={t("queueLinkCount", { count: open })} className="flex items-center gap-1.5 rounded-full px-2.5 py-1.5 font-medium text-accent hover:text-ink">
      {t("queueLink")}
      <span data-queue-count={open} aria-hidden="true" className={`min-w-6 rounded-full px-1.5 text-center text-xs leading-5 ${open > 0 ? "bg-accent text-paper" : "bg-card text-muted"}`}>
        {open}
      </span>
    </Link>
  );
}
