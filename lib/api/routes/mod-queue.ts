import { decideQueueItem, DecideInput, listQueue, ListQueueInput } from "@/lib/moderation/review-queue";
import { ok } from "../http";
import type { Route } from "../router";

export const modQueueRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/queue",
    doc: { operationId: "listQueue", summary: "Open flags grouped by target, highest priority first (moderators).", input: ListQueueInput },
    handler: async (request, ctx) => ok(await listQueue(ctx, request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/mod/queue/:targetType/:targetId/decide",
    doc: { operationId: "decideQueueItem", summary: "Upholds (hides), dismisses or defers a target's flags (moderators).", input: DecideInput, errors: ["conflict"] },
    handler: async (request, ctx) => {
      const { targetType, targetId } = request.params;
      return ok({ item: await decideQueueItem(ctx, { ...(await request.json()), targetType, targetId }) });
    },
  },
];
