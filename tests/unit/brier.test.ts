import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ForecastInput } from "@/lib/forecasts/aggregate";
import { scoreBrier, scoreTimeAveragedBrier, type Outcome } from "@/lib/forecasts/brier";

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 0, 1);
const at = (hours: number) => new Date(t0 + hours * HOUR);
const forecast = (hours: number, probabilities: Record<string, number>, other: number): ForecastInput => ({
  at: at(hours),
  probabilities,
  other,
});
const isA: Outcome = { outcome: "scenario", scenarioId: "a" };
const isOther: Outcome = { outcome: "other" };
const period = { openedAt: at(0), resolvedAt: at(100) };

describe("scoreBrier", () => {
  const f = { probabilities: { a: 60, b: 30 }, other: 10 };

  it("matches the formula by hand", () => {
    // a happened: (0.6 − 1)² + 0.3² + 0.1² = 0.16 + 0.09 + 0.01 = 0.26.
    expect(scoreBrier(f, isA)).toBeCloseTo(0.26, 12);
    // Other happened: 0.6² + 0.3² + (0.1 − 1)² = 0.36 + 0.09 + 0.81 = 1.26.
    expect(scoreBrier(f, isOther)).toBeCloseTo(1.26, 12);
  });

  it("scores a resolved scenario the forecast never mentions as p = 0", () => {
    // 0.6² + 0.3² + 0.1² + (0 − 1)² = 0.46 + 1 = 1.46.
    expect(scoreBrier(f, { outcome: "scenario", scenarioId: "c" })).toBeCloseTo(1.46, 12);
  });

  it("runs from 0 when certain and right to 2 when certain and wrong", () => {
    expect(scoreBrier({ probabilities: { a: 100, b: 0 }, other: 0 }, isA)).toBe(0);
    expect(scoreBrier({ probabilities: { a: 100, b: 0 }, other: 0 }, isOther)).toBe(2);
    expect(scoreBrier({ probabilities: {}, other: 100 }, isOther)).toBe(0);
  });

  it("rejects percentages out of range", () => {
    expect(() => scoreBrier({ probabilities: { a: 120 }, other: 0 }, isA)).toThrow(RangeError);
  });
});

describe("scoreTimeAveragedBrier", () => {
  // Brier against a: 0.26 for the first, (0.9 − 1)² + 0.1² + 0² = 0.02 for the second.
  const first = forecast(20, { a: 60, b: 30 }, 10);
  const second = forecast(60, { a: 90, b: 10 }, 0);

  it("weighs each forecast by how long it was in force, from the first forecast on", () => {
    // In force 20 h → 60 h and 60 h → 100 h: (0.26·40 + 0.02·40) / 80 = 0.14.
    expect(scoreTimeAveragedBrier([first, second], period, isA)).toBeCloseTo(0.14, 12);
    expect(scoreTimeAveragedBrier([second, first], period, isA)).toBeCloseTo(0.14, 12);
  });

  it("ignores forecasts made at or after the resolution", () => {
    const late = forecast(100, { a: 0 }, 100);
    const later = forecast(150, { a: 0 }, 100);
    expect(scoreTimeAveragedBrier([first, second, late, later], period, isA)).toBeCloseTo(0.14, 12);
  });

  it("counts a forecast from before the opening from the opening", () => {
    // 0.26 over 0 h → 60 h, 0.02 over 60 h → 100 h: (0.26·60 + 0.02·40) / 100 = 0.164.
    const early = forecast(-10, { a: 60, b: 30 }, 10);
    expect(scoreTimeAveragedBrier([early, second], period, isA)).toBeCloseTo(0.164, 12);
  });

  it("is the forecast's own score for a single forecast", () => {
    expect(scoreTimeAveragedBrier([first], period, isA)).toBeCloseTo(0.26, 12);
  });

  it("lets the later-listed of two simultaneous forecasts replace the other", () => {
    const revised = forecast(20, { a: 90, b: 10 }, 0);
    expect(scoreTimeAveragedBrier([first, revised], period, isA)).toBeCloseTo(0.02, 12);
    expect(scoreTimeAveragedBrier([revised, first], period, isA)).toBeCloseTo(0.26, 12);
  });

  it("gives no score to an annulled post or to a member who never forecast in time", () => {
    expect(scoreTimeAveragedBrier([first, second], period, { outcome: "annulled" })).toBeNull();
    expect(scoreTimeAveragedBrier([], period, isA)).toBeNull();
    expect(scoreTimeAveragedBrier([forecast(100, { a: 100 }, 0)], period, isA)).toBeNull();
  });

  it("always lies between the best and worst score of the forecasts in force", () => {
    const distribution = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([x, y]) => ({ a: Math.min(x, y), b: Math.max(x, y) - Math.min(x, y), other: 100 - Math.max(x, y) }));
    const history = fc.array(fc.record({ hour: fc.integer({ min: -20, max: 120 }), d: distribution }), {
      maxLength: 20,
    });
    const outcome = fc.constantFrom<Outcome>(isA, isOther, { outcome: "scenario", scenarioId: "z" });
    fc.assert(
      fc.property(history, outcome, (raw, resolved) => {
        const forecasts = raw.map(({ hour, d }) => forecast(hour, { a: d.a, b: d.b }, d.other));
        const score = scoreTimeAveragedBrier(forecasts, period, resolved);
        const scores = forecasts.filter((f) => f.at < period.resolvedAt).map((f) => scoreBrier(f, resolved));
        if (scores.length === 0) {
          expect(score).toBeNull();
          return;
        }
        expect(score).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-12);
        expect(score).toBeLessThanOrEqual(Math.max(...scores) + 1e-12);
        expect(score).toBeLessThanOrEqual(2);
      }),
    );
  });
});
