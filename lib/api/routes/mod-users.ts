import { suspendUser, unsuspendUser } from "@/lib/moderation/suspensions";
import { ok } from "../http";
import type { Route } from "../router";

export const modUserRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/suspend",
    handler: async (request, ctx) => ok({ suspension: await suspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/unsuspend",
    handler: async (request, ctx) => ok({ suspension: await unsuspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
];
