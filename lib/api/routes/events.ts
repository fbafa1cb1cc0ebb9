import { listEvents } from "@/lib/live/events";
import { ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts/:postId/events",
    handler: async (request) => ok(await listEvents(await requestContext(request), { ...request.query, postId: request.params.postId })),
  },
];
