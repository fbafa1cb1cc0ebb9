import { cache } from "react";
import { currentContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { PostView } from "@/lib/forum/post-view";
import { listScenarioPlacements, type ScenarioPlacement } from "@/lib/forum/scenarios";
import { maxForecastScenarios } from "@/lib/rules/forecast-limits";

export type PostResolution = NonNullable<PostView["resolution"]>;

/** How many members must forecast before the community figure is shown (MIZAN_FORECAST_MIN_FORECASTERS). */
export function revealThreshold(): number {
  return env().MIZAN_FORECAST_MIN_FORECASTERS;
}

/**
 * Every visible scenario of a post (id, title, place), most likely first (best-voted while the forecast is hidden).
 * A forecast covers at most maxForecastScenarios of them; a post with more is read in the map's first ones.
 */
export const loadVisibleScenarios = cache(async (postId: string): Promise<ScenarioPlacement[]> => {
  const placements = await listScenarioPlacements(await currentContext(), { postId });
  return placements.slice(0, maxForecastScenarios);
});
