"use client";

import { useTranslations } from "next-intl";
import { useLiveScenario } from "./live-context";

/** A scenario's reply count that moves when replies arrive. */
export function LiveReplyCount({ scenarioId, initial }: { scenarioId: string; initial: number }) {
  const t = useTranslations("scenarios");
  const { replyCount } = useLiveScenario(scenarioId);
  return <span data-reply-count={scenarioId}>{t("replies", { count: replyCount ?? initial })}</span>;
}
