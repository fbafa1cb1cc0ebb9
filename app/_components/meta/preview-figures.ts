import { createFormatter } from "use-intl";
import type { Locale } from "@/db/schema";
import type { ScenarioCommunity } from "@/lib/forecasts/community";
import { translatorIn } from "@/lib/i18n/translator";
import type { PreviewCard } from "@/app/_components/meta/preview-card";
import { formatPercent } from "@/app/_components/forecast/probability";
import { revealThreshold } from "@/app/_components/forecast/forecast-data";

// A preview speaks its post's language, not the language of whoever fetched it first (it is cached and shared).

export const siteNameIn = (lang: Locale) => translatorIn(lang, "site")("name");
export const taglineIn = (lang: Locale) => translatorIn(lang, "site")("tagline");

/**
 * The figure a preview shows: a community probability, of this scenario or (with `leading`, its title) of the
 * post's most likely one; or why there is none yet.
 */
export function previewFigure(lang: Locale, community: ScenarioCommunity | null, leading?: string): PreviewCard["figure"] {
  const t = translatorIn(lang, "preview");
  if (!community) return { note: t("notRevealed", { count: revealThreshold() }) };
  const percent = formatPercent(createFormatter({ locale: lang, timeZone: "UTC" }), community.probability);
  return { value: percent, label: leading ? `${t("leading")}: ${leading}` : t("community") };
}
