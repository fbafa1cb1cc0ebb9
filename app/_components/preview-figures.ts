import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import type { ScenarioCommunity } from "@/lib/forecasts/community";
import type { PreviewCard } from "./preview-card";
import { formatPercent } from "./probability";
import { revealThreshold } from "./forecast-data";

/**
 * The figure a preview shows, in the post's language: a community probability, of this scenario or (with
 * `leading`, its title) of the post's most likely one; or why there is none yet.
 */
export async function previewFigure(lang: Locale, community: ScenarioCommunity | null, leading?: string): Promise<PreviewCard["figure"]> {
  const [t, format] = await Promise.all([getTranslations({ locale: lang, namespace: "preview" }), getFormatter({ locale: lang })]);
  if (!community) return { note: t("notRevealed", { count: revealThreshold() }) };
  return { value: formatPercent(format, community.probability), label: leading ? `${t("leading")}: ${leading}` : t("community") };
}
