import type { NumberFormatOptions } from "next-intl";
import type { CommunityView, ScenarioCommunity } from "@/lib/forecasts/community";

/** The part of next-intl's formatter (server or client) these helpers need. */
type NumberFormat = { number: (value: number, options?: NumberFormatOptions) => string };

/**
 * A community probability (held in tenths of a percent) as readers see it: whole percents, with one decimal
 * under 10% so a 0.4% long shot does not read as 0%.
 */
export function formatPercent(format: NumberFormat, percent: number): string {
  const digits = percent < 10 && Math.round(percent) !== percent ? 1 : 0;
  return format.number(percent / 100, { style: "percent", maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** The numbers of a band, rounded like the figure, without the percent sign (the message adds it once). */
export function formatBandEnd(format: NumberFormat, percent: number): string {
  const digits = percent < 10 && Math.round(percent) !== percent ? 1 : 0;
  return format.number(percent, { maximumFractionDigits: digits });
}

/** This scenario's figure from the community view, or null while hidden or when no forecast counts for it. */
export function communityFor(view: CommunityView | null | undefined, scenarioId: string): ScenarioCommunity | null {
  if (!view?.revealed) return null;
  return view.scenarios[scenarioId] ?? null;
}
