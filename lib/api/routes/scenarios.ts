import { createScenario, getScenario, listScenarioRevisions, listScenarios, updateScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { created, ok } from "../http";
import type { Route } from "../router";

export const scenarioRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts/:postId/scenarios",
    handler: async (request, ctx) => ok(await listScenarios(ctx, { ...request.query, postId: request.params.postId })),
  },
  {
    method: "POST",
    path: "/api/v1/posts/:postId/scenarios",
    handler: async (request, ctx) => {
      const body = await request.json();
      const scenario = await createScenario(ctx, {
        ...body,
        postId: request.params.postId,
        idempotencyKey: request.headers["idempotency-key"],
      });
      return created({ scenario });
    },
  },
  {
    method: "GET",
    path: "/api/v1/scenarios/:scenarioId",
    handler: async (request, ctx) => ok({ scenario: await getScenario(ctx, request.params) }),
  },
  {
    method: "PATCH",
    path: "/api/v1/scenarios/:scenarioId",
    handler: async (request, ctx) => {
      return ok({ scenario: await updateScenario(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId }) });
    },
  },
  {
    method: "GET",
    path: "/api/v1/scenarios/:scenarioId/revisions",
    handler: async (request, ctx) => ok({ revisions: await listScenarioRevisions(ctx, request.params) }),
  },
  {
    method: "PUT",
    path: "/api/v1/scenarios/:scenarioId/vote",
    handler: async (request, ctx) => {
      return ok(await castVote(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId }));
    },
  },
];
