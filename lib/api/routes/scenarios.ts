import { createScenario, CreateScenarioInput, getScenario, listScenarioRevisions, ListScenarioRevisionsInput, listScenarios, ListScenariosInput, updateScenario, UpdateScenarioInput } from "@/lib/forum/scenarios";
import { castVote, CastVoteInput } from "@/lib/forum/votes";
import { created, ok } from "../http";
import type { Route } from "../router";

export const scenarioRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts/:postId/scenarios",
    doc: { operationId: "listScenarios", summary: "A post's scenarios in one of the sorts, paginated.", input: ListScenariosInput },
    handler: async (request, ctx) => ok(await listScenarios(ctx, { ...request.query, postId: request.params.postId })),
  },
  {
    method: "POST",
    path: "/api/v1/posts/:postId/scenarios",
    doc: { operationId: "createScenario", summary: "Proposes a scenario on a post.", input: CreateScenarioInput, success: 201, errors: ["conflict", "locked"] },
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
    doc: { operationId: "getScenario", summary: "One scenario." },
    handler: async (request, ctx) => ok({ scenario: await getScenario(ctx, request.params) }),
  },
  {
    method: "PATCH",
    path: "/api/v1/scenarios/:scenarioId",
    doc: { operationId: "updateScenario", summary: "Edits a scenario (its author or a moderator), keeping a revision.", input: UpdateScenarioInput, errors: ["locked"] },
    handler: async (request, ctx) => ok({ scenario: await updateScenario(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId }) }),
  },
  {
    method: "GET",
    path: "/api/v1/scenarios/:scenarioId/revisions",
    doc: { operationId: "listScenarioRevisions", summary: "A scenario's revisions, newest first, paginated, with the HTML stored with each.", input: ListScenarioRevisionsInput },
    handler: async (request, ctx) => ok(await listScenarioRevisions(ctx, { ...request.query, scenarioId: request.params.scenarioId })),
  },
  {
    method: "PUT",
    path: "/api/v1/scenarios/:scenarioId/vote",
    doc: { operationId: "castVote", summary: "Votes a scenario up, down, or clears the vote.", input: CastVoteInput, errors: ["locked"] },
    handler: async (request, ctx) => ok(await castVote(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId })),
  },
];
