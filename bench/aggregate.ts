/**
 * `npx tsx bench/aggregate.ts`: the community forecast of 10,000 forecasters over 50 scenarios, median of 20 runs.
 * Budget: 50 ms on a slow 2-core machine. Input is shuffled so the sort is measured too.
 */
import { aggregateForecasts, type ForecastInput, type ScenarioInput } from "../lib/forecasts/aggregate";
import { makeRandom } from "./support/write-load";

const FORECASTERS = Number(process.env.BENCH_FORECASTERS ?? 10_000);
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 50);
const RUNS = 20;


const random = makeRandom(42);
const start = Date.UTC(2026, 0, 1);
const scenarios: ScenarioInput[] = Array.from({ length: SCENARIOS }, (_, k) => ({
  id: `scenario-${k}`,
  // A fifth arrive during the forecasting, so the before-the-scenario rule is exercised.
  createdAt: new Date(k % 5 === 4 ? start + random() * 30 * 86_400_000 : start),
}));

function makeForecast(): ForecastInput {
  // Integer cut points in 0–100 split the 100 points between the scenarios and Other.
  const cuts = Array.from({ length: SCENARIOS }, () => Math.floor(random() * 101)).sort((a, b) => a - b);
  const probabilities: Record<string, number> = {};
  let previous = 0;
  cuts.forEach((cut, k) => {
    if (cut > previous || random() < 0.5) probabilities[`scenario-${k}`] = cut - previous;
    previous = cut;
  });
  return { at: new Date(start + random() * 30 * 86_400_000), probabilities, other: 100 - previous };
}

const forecasts = Array.from({ length: FORECASTERS }, makeForecast);

for (let i = 0; i < 5; i++) aggregateForecasts(forecasts, scenarios); // let the JIT settle
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  aggregateForecasts(forecasts, scenarios);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = (times[RUNS / 2 - 1]! + times[RUNS / 2]!) / 2;
console.log(
  `aggregateForecasts: ${FORECASTERS} forecasters × ${SCENARIOS} scenarios, median of ${RUNS} runs: ` +
    `${median.toFixed(2)} ms (min ${times[0]!.toFixed(2)}, max ${times[RUNS - 1]!.toFixed(2)})`,
);
