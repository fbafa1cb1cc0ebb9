import { createReply, CreateReplyInput, listReplies, ListRepliesInput, updateReply, UpdateReplyInput } from "@/lib/forum/replies";
import { created, ok } from "../http";
import type { Route } from "../router";

export const replyRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/scenarios/:scenarioId/replies",
    doc: { operationId: "listReplies", summary: "A scenario's debate as a thread, paginated.", input: ListRepliesInput },
    handler: async (request, ctx) => ok(await listReplies(ctx, { ...request.query, scenarioId: request.params.scenarioId })),
  },
  {
    method: "POST",
    path: "/api/v1/scenarios/:scenarioId/replies",
    doc: { operationId: "createReply", summary: "Replies to a scenario or to a reply.", input: CreateReplyInput, success: 201, errors: ["conflict", "locked"] },
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
    doc: { operationId: "updateReply", summary: "Edits a reply (its author or a moderator).", input: UpdateReplyInput, errors: ["locked"] },
    handler: async (request, ctx) => ok({ reply: await updateReply(ctx, { ...(await request.json()), replyId: request.params.replyId }) }),
  },
];
