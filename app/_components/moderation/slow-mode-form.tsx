"use client";

import { useTranslations } from "next-intl";
import { durationParts, slowModePresets } from "@/lib/rules/slow-mode";
import { ModeratorChoiceForm } from "@/app/_components/moderation/moderator-choice-form";

/** Moderators set or lift a post's slow mode, with the reason the moderation log keeps. */
export function SlowModeForm({ postId, current }: { postId: string; current: number }) {
  const t = useTranslations("slowMode");
  const presets: number[] = slowModePresets.includes(current as (typeof slowModePresets)[number]) ? [...slowModePresets] : [...slowModePresets, current].sort((a, b) => a - b);
  const label = (value: number) => (value === 0 ? t("off") : t("duration", durationParts(value)));
  return (
    <ModeratorChoiceForm
      namespace="slowMode"
      choices={presets.map((value) => ({ value: String(value), label: label(value) }))}
      initial={String(current)}
      request={(value) => ({ path: `/mod/post/${postId}/slow-mode`, body: { seconds: Number(value) } })}
    />
  );
}
