"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { joinLiveSocket } from "@/app/_components/client/live-socket";

/**
 * The moderators' header link to the review queue with the number of items waiting, kept current by the
 * `queue.changed` event every moderator's socket receives.
 */
export function QueueCount({ initial }: { initial: number }) {
  const t = useTranslations("moderation");
  const [open, setOpen] = useState(initial);
  useEffect(() => {
    const onChange = (payload: { open?: unknown }) => {
      if (typeof payload?.open === "number") setOpen(payload.open);
    };
    return joinLiveSocket((socket) => {
      socket.on("queue.changed", onChange);
      return () => socket.off("queue.changed", onChange);
    });
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
