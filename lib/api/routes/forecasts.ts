import { ForecastHistoryInput, getForecast, getForecastHistory, submitForecast, SubmitForecastInput } from "@/lib/forecasts/forecasts";
import { listPostScores } from "@/lib/forecasts/resolution";
import { ok } from "../http";
import type { Route } from "../router";

export const forecastRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/posts/:postId/forecast",
    doc: { operationId: "submitForecast", summary: "Replaces the caller's forecast on a post.", input: SubmitForecastInput, errors: ["locked"] },
    handler: async (request, ctx) => ok(await submitForecast(ctx, { ...(await request.json()), postId: request.params.postId })),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast",
    doc: { operationId: "getForecast", summary: "The community forecast, and the caller's own." },
    handler: async (request, ctx) => ok(await getForecast(ctx, request.params)),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/forecast/history",
    doc: { operationId: "getForecastHistory", summary: "How one scenario's community probability moved.", input: ForecastHistoryInput },
    handler: async (request, ctx) =>
      ok(await getForecastHistory(ctx, { postId: request.params.postId, scenarioId: request.query.scenarioId })),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/scores",
    doc: { operationId: "listPostScores", summary: "Forecasters' scores on a resolved post." },
    handler: async (request, ctx) => ok({ scores: await listPostScores(ctx, request.params) }),
  },
];
