import { decideQueueItem, listQueue } from "@/lib/moderation/review-queue";
import { ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const modQueueRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/queue",
    handler: async (request) => ok(await listQueue(await requestContext(request), request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/mod/queue/:targetType/:targetId/decide",
    handler: async (request) => {
      const ctx = await requestContext(request);
      const { targetType, targetId } = request.params;
      return ok({ item: await decideQueueItem(ctx, { ...(await request.json()), targetType, targetId }) });
    },
  },
];
