"use client";

import { useTranslations } from "next-intl";
import { useLive } from "./live-context";
import { primaryButton } from "@/app/_components/ui/button-styles";

/** A quiet line: how many are reading, whether the page is live, and a banner for what arrived meanwhile. */
export function LiveStatus() {
  const live = useLive();
  const t = useTranslations("live");
  if (!live) return null;
  const { connection, readers, pending, showPending } = live;
  const waiting = pending.scenarios + pending.replies;
  return (
    <div className="sticky top-0 z-20 -mx-4 mb-4 px-4 sm:-mx-6 sm:px-6">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm text-muted" data-live-status={connection}>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={`size-2 rounded-full ${connection === "lost" ? "bg-red-600" : connection === "connecting" ? "bg-line" : "bg-accent"}`} />
          <span role="status">{t(connection)}</span>
        </span>
        {readers !== null && <span>{t("readers", { count: readers })}</span>}
      </div>
      <div aria-live="polite">
        {waiting > 0 && (
          <button
            type="button"
            onClick={showPending}
            className={`${primaryButton} w-full px-4 py-2 text-sm font-semibold shadow-md`}
          >
            {pending.scenarios > 0 && pending.replies > 0
              ? t("newBoth", { scenarios: pending.scenarios, replies: pending.replies })
              : pending.scenarios > 0
                ? t("newScenarios", { count: pending.scenarios })
                : t("newReplies", { count: pending.replies })}
          </button>
        )}
      </div>
    </div>
  );
}
