/** The orders a post's scenarios can be listed in, as the sort tabs show them; `best` is the default. */
export const scenarioSorts = ["best", "probability", "hot", "new", "controversial", "top"] as const;
export type ScenarioSort = (typeof scenarioSorts)[number];

export function isScenarioSort(value: unknown): value is ScenarioSort {
  return (scenarioSorts as readonly unknown[]).includes(value);
}
