import { resolvePost, ResolvePostInput } from "@/lib/forecasts/resolution";
import { moderateContent, ModerateContentInput } from "@/lib/moderation/content-actions";
import { mergeScenario, MergeScenarioInput, unmergeScenario, UnmergeScenarioInput } from "@/lib/moderation/scenario-merge";
import { ok } from "../http";
import type { Route } from "../router";

const resolve: Route["handler"] = async (request, ctx) => ok({ resolution: await resolvePost(ctx, { ...(await request.json()), postId: request.params.postId }) });

/**
 * `/api/v1/mod/…`: moderator actions. Fixed paths (`/mod/post/{id}/resolve`, and the other helpers' `/mod/queue/…`,
 * `/mod/user/…`, `/mod/scenario/{id}/merge` and `unmerge`) win over the generic `/mod/{targetType}/{targetId}/{action}`, whose verb refuses any pair it
 * does not know with 400.
 */
export const moderationRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/:targetType/:targetId/:action",
    doc: {
      operationId: "moderateContent",
      summary: "A moderator's hide, restore, lock, unlock, pin or unpin of a post, scenario or reply, with a reason (moderators).",
      input: ModerateContentInput,
      errors: ["conflict"],
    },
    handler: async (request, ctx) => {
      const { targetType, targetId, action } = request.params;
      return ok(await moderateContent(ctx, { ...(await request.json()), targetType, targetId, action }));
    },
  },
  {
    method: "POST",
    path: "/api/v1/mod/scenario/:scenarioId/merge",
    doc: {
      operationId: "mergeScenario",
      summary: "Merges a scenario into another of the same post: replies, votes and forecast shares move to `into` (moderators).",
      input: MergeScenarioInput,
      errors: ["conflict"],
    },
    handler: async (request, ctx) => ok(await mergeScenario(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId })),
  },
  {
    method: "POST",
    path: "/api/v1/mod/scenario/:scenarioId/unmerge",
    doc: { operationId: "unmergeScenario", summary: "Undoes a scenario's merge: every moved row goes back (moderators).", input: UnmergeScenarioInput, errors: ["conflict"] },
    handler: async (request, ctx) => ok(await unmergeScenario(ctx, { ...(await request.json()), scenarioId: request.params.scenarioId })),
  },
  {
    method: "POST",
    path: "/api/v1/mod/post/:postId/resolve",
    doc: { operationId: "resolvePost", summary: "Resolves a post's question (moderators).", input: ResolvePostInput, errors: ["locked"] },
    handler: resolve,
  },
  // The first path resolve had, kept for the clients that use it.
  {
    method: "POST",
    path: "/api/v1/mod/posts/:postId/resolve",
    doc: { operationId: "resolvePostAtFirstPath", summary: "Resolves a post's question (moderators); the first path of resolve, kept.", input: ResolvePostInput, errors: ["locked"] },
    handler: resolve,
  },
];
