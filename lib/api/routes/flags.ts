import { createFlag, CreateFlagInput, withdrawFlag } from "@/lib/moderation/flags";
import { created, noContent } from "../http";
import type { Route } from "../router";

export const flagRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/flags",
    doc: { operationId: "createFlag", summary: "Flags a post, scenario or reply for moderators.", input: CreateFlagInput, success: 201, errors: ["conflict"] },
    handler: async (request, ctx) => created({ flag: await createFlag(ctx, await request.json()) }),
  },
  {
    method: "DELETE",
    path: "/api/v1/flags/:flagId",
    doc: { operationId: "withdrawFlag", summary: "Withdraws one's own open flag.", success: 204 },
    handler: async (request, ctx) => {
      await withdrawFlag(ctx, { flagId: request.params.flagId });
      return noContent();
    },
  },
];
