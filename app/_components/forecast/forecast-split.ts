/**
 * A member's forecast while they edit it: whole percents per scenario plus Other, always summing to exactly 100.
 * Moving a scenario takes from Other or gives to it (and stops at what Other has left); moving Other rescales the
 * scenarios in proportion. Pure, so the editor and its tests share it.
 */
export type Split = { scenarios: Record<string, number>; other: number };

const clampPercent = (value: number) => Math.min(100, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)));

/** Splits `total` whole units in proportion to `weights` (all zero: evenly), by largest remainder; ties go first. */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (sum > 0 ? (w / sum) * total : total / weights.length));
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Every scenario and Other alike; the rounding remainder goes to the first scenarios. */
export function evenSplit(ids: readonly string[]): Split {
  const parts = apportion(100, new Array(ids.length + 1).fill(1));
  return { scenarios: Object.fromEntries(ids.map((id, i) => [id, parts[i]!])), other: parts[ids.length]! };
}

/**
 * The member's saved forecast over today's scenarios: a scenario proposed since counts 0, and the share of one
 * that is no longer visible (hidden or merged) goes to Other, so the total stays 100.
 */
export function splitFromForecast(ids: readonly string[], saved: { probabilities: Record<string, number>; other: number }): Split {
  const scenarios = Object.fromEntries(ids.map((id) => [id, clampPercent(saved.probabilities[id] ?? 0)]));
  const taken = Object.values(scenarios).reduce((a, b) => a + b, 0);
  if (taken > 100) return evenSplit(ids);
  return { scenarios, other: 100 - taken };
}

/** Sets one scenario; the difference comes from Other, and no further than Other has. */
export function moveScenario(split: Split, id: string, wanted: number): { split: Split; capped: boolean } {
  const current = split.scenarios[id] ?? 0;
  const target = clampPercent(wanted);
  const next = Math.min(target, current + split.other);
  return { split: { scenarios: { ...split.scenarios, [id]: next }, other: split.other - (next - current) }, capped: next < target };
}

/** Sets Other; the scenarios share the rest in proportion to where they stood (evenly if all were 0). */
export function moveOther(split: Split, ids: readonly string[], wanted: number): Split {
  if (ids.length === 0) return { scenarios: {}, other: 100 };
  const other = clampPercent(wanted);
  const parts = apportion(100 - other, ids.map((id) => split.scenarios[id] ?? 0));
  return { scenarios: Object.fromEntries(ids.map((id, i) => [id, parts[i]!])), other };
}

export function totalOf(split: Split): number {
  return Object.values(split.scenarios).reduce((a, b) => a + b, 0) + split.other;
}
