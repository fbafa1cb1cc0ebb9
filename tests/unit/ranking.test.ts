import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeControversy, computeHotScore, computeWilsonLowerBound } from "@/lib/forum/ranking";

const HOUR = 3_600_000;
const now = new Date("2026-03-01T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);

describe("computeWilsonLowerBound", () => {
  it("is 0 without votes or without upvotes", () => {
    expect(computeWilsonLowerBound(0, 0)).toBe(0);
    expect(computeWilsonLowerBound(0, 5)).toBe(0);
  });

  it("matches the formula by hand", () => {
    // z = 1.281551565545, z² = 1.642374.
    // 1 up, 0 down: n = 1, p = 1; centre = 1 + z²/2 = 1.821187; spread = z·√(z²/4) = z²/2 = 0.821187;
    // (1.821187 − 0.821187) / (1 + 1.642374) = 1 / 2.642374 = 0.378448.
    expect(computeWilsonLowerBound(1, 0)).toBeCloseTo(0.378448, 5);
    // 40 up, 10 down: n = 50, p = 0.8; centre = 0.8 + 1.642374/100 = 0.816424;
    // spread = z·√((0.16 + 1.642374/200) / 50) = 1.281552·√0.003364237 = 1.281552·0.058002 = 0.074334;
    // (0.816424 − 0.074334) / (1 + 1.642374/50) = 0.742090 / 1.032847 = 0.718490.
    expect(computeWilsonLowerBound(40, 10)).toBeCloseTo(0.71849, 4);
  });

  it("prefers many votes to a lucky few at the same or a lower share", () => {
    expect(computeWilsonLowerBound(40, 10)).toBeGreaterThan(computeWilsonLowerBound(1, 0));
    expect(computeWilsonLowerBound(100, 0)).toBeGreaterThan(computeWilsonLowerBound(10, 0));
  });

  it("takes another z", () => {
    // z = 0 leaves the plain share: 3 / 4.
    expect(computeWilsonLowerBound(3, 1, 0)).toBe(0.75);
    expect(computeWilsonLowerBound(3, 1, 1.96)).toBeLessThan(computeWilsonLowerBound(3, 1));
  });

  it("rejects impossible counts", () => {
    expect(() => computeWilsonLowerBound(-1, 0)).toThrow(RangeError);
    expect(() => computeWilsonLowerBound(1, Number.NaN)).toThrow(RangeError);
  });

  it("stays within [0, share] and moves the right way with each vote", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (up, down) => {
        const bound = computeWilsonLowerBound(up, down);
        expect(bound).toBeGreaterThanOrEqual(0);
        if (up + down > 0) expect(bound).toBeLessThanOrEqual(up / (up + down));
        expect(computeWilsonLowerBound(up + 1, down)).toBeGreaterThan(bound);
        if (up > 0) expect(computeWilsonLowerBound(up, down + 1)).toBeLessThan(bound);
      }),
    );
  });
});

describe("computeHotScore", () => {
  it("matches the formula by hand", () => {
    // Score 0, active now: ln 3 / 2^1.8 = 1.098612 / 3.482202 = 0.315494.
    expect(computeHotScore(0, now, now)).toBeCloseTo(0.315494, 6);
    // Score 10, 10 hours ago: ln 13 / 12^1.8 = 2.564949 / 87.604465 = 0.029279.
    expect(computeHotScore(10, hoursAgo(10), now)).toBeCloseTo(0.029279, 6);
    // Score −1, active now: (ln 3 / 2) / 2^1.8 = 0.549306 / 3.482202 = 0.157747.
    expect(computeHotScore(-1, now, now)).toBeCloseTo(0.157747, 6);
  });

  it("treats activity in the future as now", () => {
    expect(computeHotScore(5, new Date(now.getTime() + HOUR), now)).toBe(computeHotScore(5, now, now));
  });

  it("keeps sinking with downvotes where Lemmy's formula would tie them at 0", () => {
    expect(computeHotScore(-50, now, now)).toBeGreaterThan(0);
    expect(computeHotScore(-50, now, now)).toBeLessThan(computeHotScore(-2, now, now));
  });

  it("rises with score at equal age and falls with age at equal score", () => {
    const score = fc.integer({ min: -100_000, max: 100_000 });
    const age = fc.double({ min: 0, max: 24 * 365 * 5, noNaN: true });
    fc.assert(
      fc.property(score, age, fc.integer({ min: 1, max: 1000 }), (s, h, more) => {
        const hot = computeHotScore(s, hoursAgo(h), now);
        expect(hot).toBeGreaterThan(0);
        expect(computeHotScore(s + more, hoursAgo(h), now)).toBeGreaterThan(hot);
        expect(computeHotScore(s, hoursAgo(h + more), now)).toBeLessThan(hot);
      }),
    );
  });
});

describe("computeControversy", () => {
  it("is 0 when all votes go one way", () => {
    expect(computeControversy(0, 0)).toBe(0);
    expect(computeControversy(10, 0)).toBe(0);
    expect(computeControversy(0, 10)).toBe(0);
  });

  it("matches the formula by hand", () => {
    // 50/50: 100^(50/50) = 100.
    expect(computeControversy(50, 50)).toBe(100);
    // 90/10: 100^(10/90) = 100^(1/9) = 1.668101.
    expect(computeControversy(90, 10)).toBeCloseTo(1.668101, 6);
    // 3 up / 1 down and 1 up / 3 down: 4^(1/3) = 1.587401.
    expect(computeControversy(3, 1)).toBeCloseTo(1.587401, 6);
    expect(computeControversy(1, 3)).toBe(computeControversy(3, 1));
  });

  it("ranks a big even split above a small one and above a lopsided one", () => {
    expect(computeControversy(50, 50)).toBeGreaterThan(computeControversy(5, 5));
    expect(computeControversy(50, 50)).toBeGreaterThan(computeControversy(90, 10));
  });

  it("rejects impossible counts", () => {
    expect(() => computeControversy(-1, 2)).toThrow(RangeError);
  });
});
