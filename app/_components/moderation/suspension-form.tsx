"use client";

import { useTranslations } from "next-intl";
import { ModeratorChoiceForm } from "@/app/_components/moderation/moderator-choice-form";

/** The lengths a moderator may suspend a member for, in days. */
const suspensionDays = [1, 3, 7, 30] as const;

/** Moderators suspend a member for some days from now, or lift a suspension, with the reason the log keeps. */
export function SuspensionForm({ userId, suspended }: { userId: string; suspended: boolean }) {
  const t = useTranslations("memberSuspension");
  const lengths = suspensionDays.map((days) => ({ value: String(days), label: t("days", { count: days }) }));
  return (
    <ModeratorChoiceForm
      namespace="memberSuspension"
      choices={suspended ? [{ value: "lift", label: t("lift") }, ...lengths] : lengths}
      initial={suspended ? "lift" : "1"}
      request={(value) =>
        value === "lift"
          ? { path: `/mod/user/${userId}/unsuspend`, body: {} }
          : { path: `/mod/user/${userId}/suspend`, body: { until: new Date(Date.now() + Number(value) * 86_400_000).toISOString() } }
      }
    />
  );
}
