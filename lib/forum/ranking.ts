/**
 * Sort keys for scenarios, after Reddit's "best" and "controversial" and Lemmy's "hot". Pure numbers, so the same
 * formulas can be checked here and mirrored in SQL later if sorting moves into the database.
 */

/** z for a one-sided 80% interval: Reddit's choice, lenient enough that a few votes can lift a new scenario. */
const Z_80 = 1.281551565545;

/** Lemmy's gravity: the higher, the faster a quiet scenario falls, whatever its score. */
const GRAVITY = 1.8;

const MS_PER_HOUR = 3_600_000;

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite count ≥ 0, got ${value}`);
}

/**
 * Lower bound of the Wilson score interval for the share of upvotes: "best". A scenario needs both a high share and
 * enough votes to be sure of it, so 1 up / 0 down (≈0.38) ranks below 40 up / 10 down (≈0.72). 0 without votes.
 */
export function computeWilsonLowerBound(up: number, down: number, z: number = Z_80): number {
  assertCount("up", up);
  assertCount("down", down);
  // Also covers no votes. With no upvotes the bound is exactly 0, which the formula only reaches up to rounding.
  if (up === 0) return 0;
  const n = up + down;
  const p = up / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  return (centre - spread) / (1 + z2 / n);
}

/**
 * The weight of a net score in "hot". Lemmy uses log(max(1, score + 3)), which flattens every score ≤ -2 to 0, so a
 * scenario at -2 and one at -50 tie, and neither sinks with age. Above zero we keep Lemmy's curve; below it we
 * shrink towards 0 without reaching it, so the weight stays positive (age always lowers it) and strictly increasing
 * (every extra vote counts). Both pieces equal ln 3 at 0.
 */
function weighScore(score: number): number {
  return score >= 0 ? Math.log(score + 3) : Math.log(3) / (1 - score);
}

/**
 * "Hot", Lemmy-style: weighScore(score) / (hours since last activity + 2) ^ 1.8. Chosen over Reddit's
 * log10(score) + seconds / 45000 because Reddit's needs ten times the votes to beat 12.5 hours of age, which a small
 * forum never gathers, while Lemmy's lets a discussion fall away as it goes quiet and rise again when a reply
 * bumps lastActivityAt. The price is that the value depends on `now` and must be recomputed, not stored once.
 * Activity stamped in the future (clock skew) counts as now.
 */
export function computeHotScore(score: number, lastActivityAt: Date, now: Date = new Date()): number {
  if (!Number.isFinite(score)) throw new RangeError(`score must be finite, got ${score}`);
  const hours = Math.max(0, (now.getTime() - lastActivityAt.getTime()) / MS_PER_HOUR);
  return weighScore(score) / Math.pow(hours + 2, GRAVITY);
}

/**
 * Reddit's "controversial": many votes, evenly split. The magnitude (up + down) is raised to the balance
 * (min / max), so 50/50 scores 100, 90/10 scores 100^(1/9) ≈ 1.67, and one-sided voting scores 0.
 */
export function computeControversy(up: number, down: number): number {
  assertCount("up", up);
  assertCount("down", down);
  if (up === 0 || down === 0) return 0;
  return Math.pow(up + down, Math.min(up, down) / Math.max(up, down));
}

/**
 * Contest mode's order, after Reddit's: a number in [0, 1) hashed (cyrb53) from the reader's seed and a
 * scenario's id. The same on every read for one seed and unrelated between seeds, so each reader keeps their own
 * shuffle from page to page without anything stored, and it owes nothing to votes.
 */
export function contestShuffleKey(seed: string, id: string): number {
  const text = `${seed}\u0000${id}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (h2 & 0x1fffff) + (h1 >>> 0)) / 2 ** 53;
}
