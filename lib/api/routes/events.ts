import { listEvents, ListEventsInput } from "@/lib/live/events";
import { ok } from "../http";
import type { Route } from "../router";

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts/:postId/events",
    doc: { operationId: "listEvents", summary: "A post's live events after a seq, for catching up.", input: ListEventsInput },
    handler: async (request, ctx) => ok(await listEvents(ctx, { ...request.query, postId: request.params.postId })),
  },
];
