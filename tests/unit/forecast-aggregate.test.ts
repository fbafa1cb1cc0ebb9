import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateForecasts, type CommunityForecast, type ForecastInput } from "@/lib/forecasts/aggregate";

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 0, 1);
const at = (hours: number) => new Date(t0 + hours * HOUR);
const forecast = (hours: number, probabilities: Record<string, number>, other: number): ForecastInput => ({
  at: at(hours),
  probabilities,
  other,
});
const scenario = (id: string, hours = 0) => ({ id, createdAt: at(hours) });

// With N = 3 the weights exp(√i − √3) are w1 = 0.480922, w2 = 0.727721, w3 = 1; total 2.208643.
// Percentile targets: 25% → 0.552161, 50% → 1.104321, 75% → 1.656482.

describe("aggregateForecasts", () => {
  it("returns null without forecasts", () => {
    expect(aggregateForecasts([], [scenario("a")])).toBeNull();
  });

  it("gives back a lone forecaster's forecast", () => {
    const result = aggregateForecasts([forecast(1, { a: 60, b: 30 }, 10)], [scenario("a"), scenario("b")]);
    expect(result).toEqual({
      scenarios: {
        a: { probability: 60, low: 60, high: 60, forecasters: 1 },
        b: { probability: 30, low: 30, high: 30, forecasters: 1 },
      },
      other: { probability: 10, low: 10, high: 10 },
      forecasters: 1,
    });
  });

  it("takes weighted percentiles", () => {
    const result = aggregateForecasts(
      [forecast(1, { a: 20 }, 80), forecast(2, { a: 50 }, 50), forecast(3, { a: 40 }, 60)],
      [scenario("a")],
    );
    // a: 20 (w1), 40 (w3), 50 (w2); cumulative 0.480922, 1.480922, 2.208643.
    // 25%: 0.48 < 0.55 → 40. 50%: 1.48 ≥ 1.10 → 40. 75%: 1.48 < 1.66 → 50.
    // Other: 50 (w2), 60 (w3), 80 (w1); cumulative 0.727721, 1.727721, 2.208643 → 50, 60, 60.
    // Medians 40 + 60 = 100: nothing to rescale.
    expect(result?.scenarios.a).toEqual({ probability: 40, low: 40, high: 50, forecasters: 3 });
    expect(result?.other).toEqual({ probability: 60, low: 50, high: 60 });
  });

  it("lets the newer of two forecasters carry the median", () => {
    // Weights exp(1 − √2) = 0.660860 and 1; total 1.660860, so the newer alone passes 50% (0.830430).
    // a: 10 (old), 30 (new) → 25%: 0.66 ≥ 0.42 → 10; 50%: 30; 75%: 30.
    // Other: 70 (new), 90 (old) → 25%: 1 ≥ 0.42 → 70; 50%: 70; 75%: 1 < 1.25 → 90.
    const older = forecast(1, { a: 10 }, 90);
    const newer = forecast(2, { a: 30 }, 70);
    const result = aggregateForecasts([newer, older], [scenario("a")]); // given out of order on purpose
    expect(result?.scenarios.a).toEqual({ probability: 30, low: 10, high: 30, forecasters: 2 });
    expect(result?.other).toEqual({ probability: 70, low: 70, high: 90 });
  });

  it("breaks ties in time by input order, the later-listed counting as newer", () => {
    const x = forecast(1, { a: 10 }, 90);
    const y = forecast(1, { a: 30 }, 70);
    expect(aggregateForecasts([x, y], [scenario("a")])?.scenarios.a?.probability).toBe(30);
    expect(aggregateForecasts([y, x], [scenario("a")])?.scenarios.a?.probability).toBe(10);
  });

  it("rescales medians to 100 and keeps low ≤ p ≤ high after rounding", () => {
    const result = aggregateForecasts(
      [forecast(1, { a: 20, b: 40 }, 40), forecast(2, { a: 40, b: 20 }, 40), forecast(3, { a: 40, b: 40 }, 20)],
      [scenario("a"), scenario("b")],
    );
    // a: 20 (w1), 40 (w2 + w3 = 1.727721) → 40, 40, 40.
    // b: 20 (w2 = 0.727721), 40 → 25%: 20; 50%: 0.73 < 1.10 → 40; 75%: 40.
    // Other: 20 (w3 = 1), 40 → 25%: 20; 50%: 1 < 1.10 → 40; 75%: 40.
    // Medians 40 + 40 + 40 = 120, scale 100/120: 333.33 tenths each, floors 999; the spare tenth goes to the
    // first outcome on a tie → 33.4, 33.3, 33.3. a's band 40 × 100/120 = 33.3 on both ends widens to hold 33.4.
    // Low ends of b and Other: 20 × 100/120 = 16.67 → 16.7.
    expect(result?.scenarios.a).toEqual({ probability: 33.4, low: 33.3, high: 33.4, forecasters: 3 });
    expect(result?.scenarios.b).toEqual({ probability: 33.3, low: 16.7, high: 33.3, forecasters: 3 });
    expect(result?.other).toEqual({ probability: 33.3, low: 16.7, high: 33.3 });
  });

  it("falls back to weighted means when every median is 0", () => {
    const result = aggregateForecasts(
      [forecast(1, { a: 100, b: 0 }, 0), forecast(2, { a: 0, b: 100 }, 0), forecast(3, { a: 0, b: 0 }, 100)],
      [scenario("a"), scenario("b")],
    );
    // Each outcome's 0s weigh over half (a: w2 + w3, b: w1 + w3, Other: w1 + w2 = 1.208643 ≥ 1.104321).
    // Means: a 100·w1/total = 21.7745, b 100·w2/total = 32.9488, Other 100·w3/total = 45.2767.
    // Tenths 217.745, 329.488, 452.767 → floors 998; the two spare go to the largest remainders, Other then a.
    // Bands: a's 75% is 0 (1.73 ≥ 1.66) so it widens to [0, p]; b's and Other's 75% is 100.
    expect(result?.scenarios.a).toEqual({ probability: 21.8, low: 0, high: 21.8, forecasters: 3 });
    expect(result?.scenarios.b).toEqual({ probability: 32.9, low: 0, high: 100, forecasters: 3 });
    expect(result?.other).toEqual({ probability: 45.3, low: 0, high: 100 });
  });

  it("gives 0 to a scenario everyone puts at 0", () => {
    const result = aggregateForecasts(
      [forecast(1, { a: 0, b: 70 }, 30), forecast(2, { a: 0, b: 50 }, 50)],
      [scenario("a"), scenario("b")],
    );
    // b: 50 (new, w = 1), 70 → median 50; Other: 30, 50 (new) → median 50; 0 + 50 + 50 = 100.
    expect(result?.scenarios.a).toEqual({ probability: 0, low: 0, high: 0, forecasters: 2 });
    expect(result?.scenarios.b?.probability).toBe(50);
    expect(result?.other.probability).toBe(50);
  });

  it("counts a forecast only for the scenarios that existed when it was made", () => {
    const result = aggregateForecasts(
      [forecast(1, { a: 70 }, 30), forecast(2, { a: 60 }, 40), forecast(3, { a: 30, b: 50 }, 20)],
      [scenario("a"), scenario("b", 2.5), scenario("c", 4)],
    );
    // a: 30 (w3), 60 (w2), 70 (w1); cumulative 1, 1.727721, 2.208643 → 30, 60, 60.
    // b: only the third forecast counts (the first two predate it) → 50, 50, 50. Were their silences 0s,
    // b's 0s would weigh w1 + w2 = 1.208643 ≥ 1.104321 and its median would be 0.
    // Other: 20 (w3), 30 (w1), 40 (w2); cumulative 1, 1.480922, 2.208643 → 20, 30, 40.
    // c: no forecast after it → left out.
    // Medians 60 + 50 + 30 = 140. Tenths ×1000/140: 428.57, 357.14, 214.29 → floors 999; remainders
    // (in 1/140) 80, 20, 40 → the spare goes to a: 42.9, 35.7, 21.4.
    // Bands: a 30/1.4 = 21.43 → 21.4, 60/1.4 → 42.9; Other 20/1.4 = 14.29 → 14.3, 40/1.4 = 28.57 → 28.6.
    expect(result).toEqual({
      scenarios: {
        a: { probability: 42.9, low: 21.4, high: 42.9, forecasters: 3 },
        b: { probability: 35.7, low: 35.7, high: 35.7, forecasters: 1 },
      },
      other: { probability: 21.4, low: 14.3, high: 28.6 },
      forecasters: 3,
    } satisfies CommunityForecast);
  });

  it("counts a forecast made at the very moment a scenario appeared", () => {
    const result = aggregateForecasts([forecast(2, { b: 40 }, 60)], [scenario("b", 2)]);
    expect(result?.scenarios.b?.forecasters).toBe(1);
  });

  it("reads a missing scenario as 0 and ignores scenarios that are not listed", () => {
    const result = aggregateForecasts([forecast(1, { a: 50, hidden: 30 }, 20)], [scenario("a"), scenario("b")]);
    // Medians 50, 0, 20 = 70. Tenths ×1000/70: 714.29, 0, 285.71 → floors 999; remainders (in 1/70) 20, 0, 50
    // → the spare goes to Other: 71.4, 0, 28.6.
    expect(result?.scenarios.a?.probability).toBe(71.4);
    expect(result?.scenarios.b).toEqual({ probability: 0, low: 0, high: 0, forecasters: 1 });
    expect(result?.other).toEqual({ probability: 28.6, low: 28.6, high: 28.6 });
  });

  it("gives Other everything when there are no scenarios", () => {
    expect(aggregateForecasts([forecast(1, { gone: 100 }, 0)], [])).toEqual({
      scenarios: {},
      other: { probability: 100, low: 0, high: 100 },
      forecasters: 1,
    });
  });

  it("rejects what a stored forecast cannot hold", () => {
    expect(() => aggregateForecasts([forecast(1, { a: 50.5 }, 49.5)], [scenario("a")])).toThrow(RangeError);
    expect(() => aggregateForecasts([forecast(1, { a: 101 }, 0)], [scenario("a")])).toThrow(RangeError);
    expect(() => aggregateForecasts([forecast(1, {}, 100)], [scenario("a"), scenario("a")])).toThrow(RangeError);
  });
});

describe("aggregateForecasts, for any forecasts", () => {
  const MAX_SCENARIOS = 6;
  /** Cut points split 100 between the scenarios, a hidden scenario and Other; some scenarios go unmentioned. */
  const forecastArb = fc.record({
    hour: fc.integer({ min: 0, max: 50 }),
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: MAX_SCENARIOS + 1, maxLength: MAX_SCENARIOS + 1 }),
    omit: fc.array(fc.boolean(), { minLength: MAX_SCENARIOS, maxLength: MAX_SCENARIOS }),
  });
  const caseArb = fc.record({
    created: fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: MAX_SCENARIOS }),
    raw: fc.array(forecastArb, { minLength: 1, maxLength: 40 }),
  });

  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

  function build({ created, raw }: Case) {
    const scenarios = created.map((hour, k) => scenario(`s${k}`, hour));
    const forecasts = raw.map(({ hour, cuts, omit }) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const probabilities: Record<string, number> = {};
      sorted.forEach((cut, k) => {
        const share = cut - (sorted[k - 1] ?? 0);
        if (k === MAX_SCENARIOS) probabilities.hidden = share;
        else if (!omit[k] || share > 0) probabilities[`s${k}`] = share;
      });
      return forecast(hour, probabilities, 100 - sorted[MAX_SCENARIOS]!);
    });
    return { scenarios, forecasts };
  }

  function outcomes(result: CommunityForecast) {
    return [...Object.values(result.scenarios), result.other];
  }

  it("sums to exactly 100 in tenths, each in [0, 100] with low ≤ p ≤ high", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { scenarios, forecasts } = build(input);
        const result = aggregateForecasts(forecasts, scenarios)!;
        let tenths = 0;
        for (const { probability, low, high } of outcomes(result)) {
          for (const value of [probability, low, high]) {
            expect(Math.abs(value * 10 - Math.round(value * 10))).toBeLessThan(1e-9);
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
          expect(low).toBeLessThanOrEqual(probability);
          expect(probability).toBeLessThanOrEqual(high);
          tenths += Math.round(probability * 10);
        }
        expect(tenths).toBe(1000);
      }),
    );
  });

  it("counts each scenario's forecasters by creation time and lists only scenarios someone saw", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { scenarios, forecasts } = build(input);
        const result = aggregateForecasts(forecasts, scenarios)!;
        expect(result.forecasters).toBe(forecasts.length);
        for (const { id, createdAt } of scenarios) {
          const seen = forecasts.filter((f) => f.at >= createdAt).length;
          expect(result.scenarios[id]?.forecasters).toBe(seen === 0 ? undefined : seen);
        }
      }),
    );
  });

  it("does not depend on the order forecasts are given in when their times differ", () => {
    const shuffledArb = caseArb.chain((input) => {
      const { scenarios, forecasts } = build(input);
      const distinct = forecasts.map((f, i) => ({ ...f, at: new Date(f.at.getTime() + i) }));
      const n = distinct.length;
      return fc
        .shuffledSubarray(distinct, { minLength: n, maxLength: n })
        .map((shuffled) => ({ scenarios, distinct, shuffled }));
    });
    fc.assert(
      fc.property(shuffledArb, ({ scenarios, distinct, shuffled }) => {
        expect(aggregateForecasts(shuffled, scenarios)).toEqual(aggregateForecasts(distinct, scenarios));
      }),
    );
  });
});
