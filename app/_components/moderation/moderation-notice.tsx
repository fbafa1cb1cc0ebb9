import { getFormatter, getTranslations } from "next-intl/server";
import type { ModerationView } from "@/lib/forum/moderation-view";

const noticeClass = "rounded-xl border border-danger/40 bg-challenges-soft px-4 py-3 text-sm font-medium text-challenges";

/**
 * Why hidden content is hidden, for the readers who still see it: its author (what and why) and moderators (who
 * and when too). Nothing for content that is not hidden.
 */
export async function HiddenNotice({ status, moderation, className = "" }: { status: string; moderation?: ModerationView; className?: string }) {
  if (status !== "hidden") return null;
  const [t, format] = await Promise.all([getTranslations("modNotices"), getFormatter()]);
  // The note is the latest action: after a later lock or pin, only the fact of the hide is left to say.
  if (!moderation || moderation.action !== "hide") return <p className={`${noticeClass} ${className}`}>{t("hidden")}</p>;
  // Isolated (FSI … PDI), so a reason or handle in the other direction cannot reorder the sentence around it.
  const isolate = (text: string) => `\u2068${text}\u2069`;
  const reason = isolate(moderation.reason);
  const text =
    moderation.version === undefined
      ? t("hiddenForAuthor", { reason })
      : t("hiddenForModerators", {
          reason,
          by: moderation.by ? isolate(`@${moderation.by.handle}`) : t("byForum"),
          at: format.dateTime(new Date(moderation.at), { dateStyle: "medium", timeStyle: "short" }),
        });
  return (
    <p className={`${noticeClass} ${className}`} data-hidden-notice>
      {text}
    </p>
  );
}
