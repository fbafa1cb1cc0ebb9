import { getForecast, getForecastHistory, submitForecast } from "@/lib/forecasts/forecasts";
import { listPostScores, resolvePost } from "@/lib/forecasts/resolution";
import { ok } from "../http";
import type { Route } from "../router";

export const forecastRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/posts/:postId/forecast",
    handler: async (request, ctx) => {
      return ok(await submitForecast(ctx, { ...(await request.json()), postId: request.params.postId }));
    },
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast",
    handler: async (request, ctx) => ok(await getForecast(ctx, request.params)),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast/history",
    handler: async (request, ctx) =>
      ok(await getForecastHistory(ctx, { postId: request.params.postId, scenarioId: request.query.scenarioId })),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/scores",
    handler: async (request, ctx) => ok({ scores: await listPostScores(ctx, request.params) }),
  },
  {
    method: "POST",
    path: "/api/v1/mod/posts/:postId/resolve",
    handler: async (request, ctx) => {
      return ok({ resolution: await resolvePost(ctx, { ...(await request.json()), postId: request.params.postId }) });
    },
  },
];
