import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, evenSplit, moveOther, moveScenario, splitFromForecast, totalOf, type Split } from "@/app/_components/forecast/forecast-split";

const ids = ["a", "b", "c"];
const valid = (split: Split) => totalOf(split) === 100 && [...Object.values(split.scenarios), split.other].every((v) => Number.isInteger(v) && v >= 0 && v <= 100);

describe("the forecast editor's arithmetic", () => {
  it("splits evenly, the rounding remainder to the first scenarios", () => {
    expect(evenSplit(ids)).toEqual({ scenarios: { a: 25, b: 25, c: 25 }, other: 25 });
    expect(evenSplit(["a", "b", "c", "d", "e", "f"])).toEqual({ scenarios: { a: 15, b: 15, c: 14, d: 14, e: 14, f: 14 }, other: 14 });
    expect(evenSplit([])).toEqual({ scenarios: {}, other: 100 });
  });

  it("apportions whole units by largest remainder", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(50, [1, 99])).toEqual([1, 49]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
  });

  it("takes a raise from Other and stops where Other runs out", () => {
    const start = evenSplit(ids);
    expect(moveScenario(start, "a", 30)).toEqual({ split: { scenarios: { a: 30, b: 25, c: 25 }, other: 20 }, capped: false });
    expect(moveScenario(start, "a", 100)).toEqual({ split: { scenarios: { a: 50, b: 25, c: 25 }, other: 0 }, capped: true });
    expect(moveScenario(start, "b", 5)).toEqual({ split: { scenarios: { a: 25, b: 5, c: 25 }, other: 45 }, capped: false });
  });

  it("rescales the scenarios in proportion when Other moves", () => {
    const split = { scenarios: { a: 60, b: 20, c: 0 }, other: 20 };
    expect(moveOther(split, ids, 60)).toEqual({ scenarios: { a: 30, b: 10, c: 0 }, other: 60 });
    expect(moveOther(split, ids, 0)).toEqual({ scenarios: { a: 75, b: 25, c: 0 }, other: 0 });
    expect(moveOther({ scenarios: { a: 0, b: 0, c: 0 }, other: 100 }, ids, 40)).toEqual({ scenarios: { a: 20, b: 20, c: 20 }, other: 40 });
  });

  it("starts from a saved forecast: new scenarios at 0, a vanished one's share to Other", () => {
    expect(splitFromForecast(["a", "b", "new"], { probabilities: { a: 50, b: 20, gone: 10 }, other: 20 })).toEqual({ scenarios: { a: 50, b: 20, new: 0 }, other: 30 });
  });

  it("keeps every value a whole percent and the total exactly 100, whatever the member does", () => {
    const move = fc.oneof(
      fc.record({ kind: fc.constant("scenario" as const), id: fc.constantFrom(...ids), value: fc.integer({ min: -20, max: 130 }) }),
      fc.record({ kind: fc.constant("other" as const), value: fc.integer({ min: -20, max: 130 }) }),
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 40 }), (moves) => {
        let split = evenSplit(ids);
        for (const m of moves) {
          split = m.kind === "scenario" ? moveScenario(split, m.id, m.value).split : moveOther(split, ids, m.value);
          if (!valid(split)) return false;
        }
        return true;
      }),
    );
  });
});
