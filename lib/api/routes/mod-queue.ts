import { decideQueueItem, listQueue } from "@/lib/moderation/review-queue";
import { ok } from "../http";
import type { Route } from "../router";

export const modQueueRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/queue",
    handler: async (request, ctx) => ok(await listQueue(ctx, request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/mod/queue/:targetType/:targetId/decide",
    handler: async (request, ctx) => {
      const { targetType, targetId } = request.params;
      return ok({ item: await decideQueueItem(ctx, { ...(await request.json()), targetType, targetId }) });
    },
  },
];
