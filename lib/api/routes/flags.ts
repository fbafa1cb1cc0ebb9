import { createFlag, withdrawFlag } from "@/lib/moderation/flags";
import { created, noContent } from "../http";
import type { Route } from "../router";

export const flagRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/flags",
    handler: async (request, ctx) => {
      return created({ flag: await createFlag(ctx, await request.json()) });
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/flags/:flagId",
    handler: async (request, ctx) => {
      await withdrawFlag(ctx, { flagId: request.params.flagId });
      return noContent();
    },
  },
];
