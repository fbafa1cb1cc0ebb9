import { createFlag, withdrawFlag } from "@/lib/moderation/flags";
import { created, noContent } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const flagRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/flags",
    handler: async (request) => {
      const ctx = await requestContext(request);
      return created({ flag: await createFlag(ctx, await request.json()) });
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/flags/:flagId",
    handler: async (request) => {
      await withdrawFlag(await requestContext(request), { flagId: request.params.flagId });
      return noContent();
    },
  },
];
