import type { Locale, NotificationType } from "@/db/schema";
import { translatorIn } from "@/lib/i18n/translator";

type Parts = { type: NotificationType; count: number; actor: string | null; scenario: string | null; post: string | null; data: Record<string, unknown> };

/** The moderation kinds with a text of their own (lib/notify/fan-out.ts); any other reads as a hide. */
const moderationTexts = ["hidden", "restored", "merged"] as const;

/** One line saying what happened, in the reader's language; a coalesced burst by its size ("5 new replies in …"). */
export function notificationText(locale: Locale, parts: Parts): string {
  const t = translatorIn(locale, "notificationText");
  const values = {
    actor: parts.actor ?? t("someone"),
    count: parts.count,
    scenario: parts.scenario ?? "",
    post: parts.post ?? "",
    reason: String(parts.data.reason ?? ""),
    brier: typeof parts.data.brier === "number" ? parts.data.brier.toFixed(3) : "",
  };
  switch (parts.type) {
    case "reply":
      return t("reply", values);
    case "mention":
      return t("mention", values);
    case "followed.reply":
      return t("followedReply", values);
    case "followed.scenario":
      return t("followedScenario", values);
    case "moderation":
      return t(`moderation.${moderationTexts.find((kind) => kind === parts.data.action) ?? "hidden"}`, values);
    case "resolution":
      return values.brier ? t("resolution", values) : t("resolutionUnscored", values);
    case "suspension":
      return t(parts.data.action === "unsuspended" ? "unsuspended" : "suspended", values);
  }
}
