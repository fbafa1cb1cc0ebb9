/**
 * Brier scores of a member on a resolved post: 0 is perfect, 2 is certain and wrong.
 *
 * Time-averaging: each forecast counts for as long as it was in force, from the member's FIRST forecast to the
 * resolution. Metaculus averages over the whole question and scores the time before a first forecast as neutral,
 * but a Brier score has no neutral value (any prior we filled in would be our forecast, not the member's), so a
 * late forecaster is scored on the time they took part. The caller may still weigh or flag short participation.
 * Forecasts made at or after the resolution never were in force and are ignored; one made before the post opened
 * counts from the opening. A member with no forecast before the resolution, and every member of an annulled post,
 * gets no score (null).
 */
import type { ForecastInput } from "./aggregate";

export type Outcome = { outcome: "scenario"; scenarioId: string } | { outcome: "other" };
export type Resolution = Outcome | { outcome: "annulled" };
export type Distribution = Pick<ForecastInput, "probabilities" | "other">;
export type ScoringPeriod = { openedAt: Date; resolvedAt: Date };

function toShare(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`a forecast holds percentages 0–100, got ${percent}`);
  }
  return percent / 100;
}

/**
 * Multi-outcome Brier score, Σ (p_k − o_k)² over the forecast's scenarios and Other, with p as a share of 1.
 * A resolved scenario the forecast does not mention had p = 0, so it adds (0 − 1)² = 1.
 */
export function scoreBrier(forecast: Distribution, outcome: Outcome): number {
  const resolvedId = outcome.outcome === "scenario" ? outcome.scenarioId : null;
  let sum = (toShare(forecast.other) - (outcome.outcome === "other" ? 1 : 0)) ** 2;
  let mentioned = false;
  for (const [id, percent] of Object.entries(forecast.probabilities)) {
    const hit = id === resolvedId;
    mentioned ||= hit;
    sum += (toShare(percent) - (hit ? 1 : 0)) ** 2;
  }
  return resolvedId !== null && !mentioned ? sum + 1 : sum;
}

/** The member's Brier score averaged over time (see the file comment); null when there is nothing to score. */
export function scoreTimeAveragedBrier(
  history: readonly ForecastInput[],
  period: ScoringPeriod,
  resolution: Resolution,
): number | null {
  if (resolution.outcome === "annulled") return null;
  const opened = period.openedAt.getTime();
  const resolved = period.resolvedAt.getTime();
  const inForce = history
    .map((forecast, index) => ({ forecast, index, from: Math.max(opened, forecast.at.getTime()) }))
    .filter((entry) => entry.from < resolved)
    // Of two forecasts at the same moment the later-listed one replaced the other, which was in force for 0 ms.
    .sort((a, b) => a.from - b.from || a.index - b.index);
  if (inForce.length === 0) return null;

  let weighted = 0;
  inForce.forEach((entry, k) => {
    const until = inForce[k + 1]?.from ?? resolved;
    weighted += scoreBrier(entry.forecast, resolution) * (until - entry.from);
  });
  return weighted / (resolved - inForce[0]!.from);
}
