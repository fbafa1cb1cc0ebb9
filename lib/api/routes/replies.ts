import { createReply, listReplies, updateReply } from "@/lib/forum/replies";
import { created, ok } from "../http";
import type { Route } from "../router";

export const replyRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/scenarios/:scenarioId/replies",
    handler: async (request, ctx) => ok(await listReplies(ctx, { ...request.query, scenarioId: request.params.scenarioId })),
  },
  {
    method: "POST",
    path: "/api/v1/scenarios/:scenarioId/replies",
    handler: async (request, ctx) => {
      const body = await request.json();
      const reply = await createReply(ctx, {
        ...body,
        scenarioId: request.params.scenarioId,
        idempotencyKey: request.headers["idempotency-key"],
      });
      return created({ reply });
    },
  },
  {
    method: "PATCH",
    path: "/api/v1/replies/:replyId",
    handler: async (request, ctx) => {
      return ok({ reply: await updateReply(ctx, { ...(await request.json()), replyId: request.params.replyId }) });
    },
  },
];
