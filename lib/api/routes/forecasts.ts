import { getForecast, getForecastHistory, submitForecast } from "@/lib/forecasts/forecasts";
import { listPostScores } from "@/lib/forecasts/resolution";
import { ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const forecastRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/posts/:postId/forecast",
    handler: async (request) => {
      const ctx = await requestContext(request);
      return ok(await submitForecast(ctx, { ...(await request.json()), postId: request.params.postId }));
    },
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast",
    handler: async (request) => ok(await getForecast(await requestContext(request), request.params)),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast/history",
    handler: async (request) =>
      ok(await getForecastHistory(await requestContext(request), { postId: request.params.postId, scenarioId: request.query.scenarioId })),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/scores",
    handler: async (request) => ok({ scores: await listPostScores(await requestContext(request), request.params) }),
  },
];
