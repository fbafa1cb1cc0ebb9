import { DecideInput, decideQueueItem, ListQueueInput, listQueue } from "@/lib/moderation/review-queue";
import { ok } from "../http";
import type { Route } from "../router";

export const modQueueRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/queue",
    doc: { operationId: "listQueue", summary: "The review queue: flagged targets, highest priority first (moderators).", input: ListQueueInput, errors: ["unauthenticated", "forbidden"] },
    handler: async (request, ctx) => ok(await listQueue(ctx, request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/mod/queue/:targetType/:targetId/decide",
    doc: { operationId: "decideQueueItem", summary: "Upholds, dismisses or defers a queue item (moderators; 409 if it changed since `version`).", input: DecideInput, errors: ["conflict"] },
    handler: async (request, ctx) => {
      const { targetType, targetId } = request.params;
      return ok({ item: await decideQueueItem(ctx, { ...(await request.json()), targetType, targetId }) });
    },
  },
];
