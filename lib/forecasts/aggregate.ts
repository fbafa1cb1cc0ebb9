/**
 * The community forecast of a post, Metaculus-style: a recency-weighted median per outcome, with the weighted
 * 25th–75th percentiles as its band, rescaled so the outcomes sum to 100.
 *
 * Decisions:
 * - Weights. Forecasts are ordered oldest first (equal times keep their input order) and the i-th of N (1-based)
 *   weighs exp(√i − √N): the newest weighs 1. Weights are computed once over all N forecasts; a scenario only sees
 *   some of them, but each keeps the weight it has on the post.
 * - Percentiles. The weighted q-percentile is the smallest value v such that the total weight of values ≤ v is at
 *   least q × (the total weight), with a 1e-9 relative tolerance so summation order cannot flip an exact tie. It is
 *   always one of the members' own values, never an interpolation.
 * - Scenarios added later. A forecast made before a scenario existed (at < createdAt) does not count for it at all:
 *   the member never saw it, so their silence is not a 0. It still counts for the scenarios that existed then, and
 *   for Other. A scenario no forecast counts for is left out of `scenarios` (no estimate yet; the caller shows that);
 *   the others and Other still sum to 100. Probabilities for ids not in `scenarios` (hidden, merged) are ignored.
 * - Normalising. The medians of the counted scenarios and of Other are scaled to sum to 100. If every median is 0
 *   (e.g. each member is certain of a different outcome) the weighted means are used instead, and if those are 0 too
 *   (all weight on hidden scenarios) the outcomes share equally. Bands are scaled by the same factor.
 * - Rounding. Probabilities have one decimal place: with up to 50 scenarios, whole percents would round many real
 *   estimates to 0. The tenths are apportioned by largest remainder (ties go to the earlier outcome, Other last), so
 *   they sum to exactly 1000 tenths; adding the decimals as floats may still show 1e-14 of noise, so sum tenths.
 *   Band ends are rounded to tenths on their own, clamped to [0, 100], then widened if needed so low ≤ p ≤ high.
 * - No forecasts: `null`. Hiding the forecast until enough members take part is the caller's decision.
 */

export type ForecastInput = {
  at: Date;
  /** Integer percentages by scenario id; a missing id counts as 0. */
  probabilities: Readonly<Record<string, number>>;
  other: number;
};
export type ScenarioInput = { id: string; createdAt: Date };
export type Band = { probability: number; low: number; high: number };
export type ScenarioBand = Band & { forecasters: number };
export type CommunityForecast = {
  scenarios: Record<string, ScenarioBand>;
  other: Band;
  forecasters: number;
};

/** One weight bucket per whole percent, 0–100: inputs are integers, so a counting pass replaces sorting. */
const LEVELS = 101;
const TIE_TOLERANCE = 1e-9;
const TENTHS = 1000;

type Summary = { low: number; median: number; high: number; mean: number };

function toPercent(value: number | undefined): number {
  const v = value ?? 0;
  if (!Number.isInteger(v) || v < 0 || v > 100) throw new RangeError(`a forecast holds integers 0–100, got ${v}`);
  return v;
}

/** Indices of the forecasts, oldest first; skips the sort when the caller already ordered them by time. */
function orderByTime(forecasts: readonly ForecastInput[]): number[] {
  const times = forecasts.map((f) => f.at.getTime());
  const order = times.map((_, i) => i);
  if (times.every((t, i) => i === 0 || times[i - 1]! <= t)) return order;
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

function summarise(buckets: Float64Array, offset: number): Summary {
  let total = 0;
  let weighted = 0;
  for (let v = 0; v < LEVELS; v++) {
    total += buckets[offset + v]!;
    weighted += v * buckets[offset + v]!;
  }
  const targets = [0.25, 0.5, 0.75].map((q) => q * total * (1 - TIE_TOLERANCE));
  const found = [100, 100, 100];
  let cumulative = 0;
  let next = 0;
  for (let v = 0; v < LEVELS && next < 3; v++) {
    cumulative += buckets[offset + v]!;
    while (next < 3 && cumulative >= targets[next]!) found[next++] = v;
  }
  return { low: found[0]!, median: found[1]!, high: found[2]!, mean: weighted / total };
}

/** Splits `whole` units in proportion to `shares` (sum > 0) so the parts are whole numbers summing to `whole`. */
function apportion(shares: readonly number[], whole: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((s) => Math.floor((s * whole) / sum));
  // For integer shares s·whole − part·sum is an exact integer, so equal remainders really tie.
  const remainders = shares.map((s, i) => s * whole - parts[i]! * sum);
  const order = shares.map((_, i) => i).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  const missing = whole - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[order[k % order.length]!]!++;
  return parts;
}

function chooseCentres(summaries: readonly Summary[]): number[] {
  const medians = summaries.map((s) => s.median);
  if (medians.some((m) => m > 0)) return medians;
  const means = summaries.map((s) => s.mean);
  if (means.some((m) => m > 0)) return means;
  return summaries.map(() => 1);
}

function toTenths(value: number): number {
  return Math.round(Math.min(TENTHS, Math.max(0, value * 10)));
}

/** Aggregates the current forecasts of a post over its visible scenarios; `null` without forecasts. */
export function aggregateForecasts(
  forecasts: readonly ForecastInput[],
  scenarios: readonly ScenarioInput[],
): CommunityForecast | null {
  const n = forecasts.length;
  if (n === 0) return null;
  const s = scenarios.length;
  const ids = scenarios.map((sc) => sc.id);
  if (new Set(ids).size !== s) throw new RangeError("scenario ids must be distinct");
  const created = scenarios.map((sc) => sc.createdAt.getTime());
  // Bucket row k < s belongs to scenarios[k]; row s to Other.
  const buckets = new Float64Array((s + 1) * LEVELS);
  const counts = new Int32Array(s);
  const order = orderByTime(forecasts);
  const sqrtN = Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    const f = forecasts[order[i]!]!;
    const weight = Math.exp(Math.sqrt(i + 1) - sqrtN);
    const at = f.at.getTime();
    buckets[s * LEVELS + toPercent(f.other)]! += weight;
    for (let k = 0; k < s; k++) {
      if (at < created[k]!) continue;
      buckets[k * LEVELS + toPercent(f.probabilities[ids[k]!])]! += weight;
      counts[k]!++;
    }
  }

  const rows = [...ids.keys()].filter((k) => counts[k]! > 0);
  rows.push(s);
  const summaries = rows.map((row) => summarise(buckets, row * LEVELS));
  const centres = chooseCentres(summaries);
  const scale = 100 / centres.reduce((a, b) => a + b, 0);
  const tenths = apportion(centres, TENTHS);
  const bands = summaries.map((summary, j): Band => {
    const p = tenths[j]!;
    const low = Math.min(toTenths(summary.low * scale), p);
    const high = Math.max(toTenths(summary.high * scale), p);
    return { probability: p / 10, low: low / 10, high: high / 10 };
  });

  const result: CommunityForecast = { scenarios: {}, other: bands[bands.length - 1]!, forecasters: n };
  rows.slice(0, -1).forEach((k, j) => {
    result.scenarios[ids[k]!] = { ...bands[j]!, forecasters: counts[k]! };
  });
  return result;
}
