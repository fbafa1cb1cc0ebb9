"use client";

import { useTranslations } from "next-intl";
import { contestModePresets } from "@/lib/rules/contest-mode";
import { ModeratorChoiceForm } from "@/app/_components/moderation/moderator-choice-form";

/** Moderators put a post in contest mode for some hours from now, or end it, with the reason the log keeps. */
export function ContestModeForm({ postId, active }: { postId: string; active: boolean }) {
  const t = useTranslations("contestMode");
  return (
    <ModeratorChoiceForm
      namespace="contestMode"
      choices={contestModePresets.map((hours) => ({ value: String(hours), label: hours === 0 ? t("off") : t("hours", { count: hours }) }))}
      // While it lasts the likely next step is to end it; otherwise a day, the middle preset.
      initial={active ? "0" : "24"}
      request={(value) => ({ path: `/mod/post/${postId}/contest-mode`, body: { until: value === "0" ? null : new Date(Date.now() + Number(value) * 3_600_000).toISOString() } })}
    />
  );
}
