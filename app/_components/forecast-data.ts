import { cache } from "react";
import { currentContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { PostView } from "@/lib/forum/post-view";
import { listScenarios } from "@/lib/forum/scenarios";
import type { ScenarioView } from "@/lib/forum/scenario-view";

export type PostResolution = NonNullable<PostView["resolution"]>;

/** How many members must forecast before the community figure is shown (MIZAN_FORECAST_MIN_FORECASTERS). */
export function revealThreshold(): number {
  return env().MIZAN_FORECAST_MIN_FORECASTERS;
}

// The forecast accepts at most 500 scenarios; a post with more is read in the map's first 500.
const mapCap = 500;

/** Every visible scenario of a post, most likely first (best-voted while the community forecast is hidden). */
export const loadVisibleScenarios = cache(async (postId: string): Promise<ScenarioView[]> => {
  const ctx = await currentContext();
  const all: ScenarioView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listScenarios(ctx, { postId, sort: "probability", limit: 200, cursor });
    all.push(...page.scenarios);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < mapCap);
  return all.filter((s) => s.status === "visible").slice(0, mapCap);
});
