import { listEvents } from "@/lib/live/events";
import { ok } from "../http";
import type { Route } from "../router";

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts/:postId/events",
    handler: async (request, ctx) => ok(await listEvents(ctx, { ...request.query, postId: request.params.postId })),
  },
];
