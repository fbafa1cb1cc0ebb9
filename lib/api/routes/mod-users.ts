import { SuspendUserInput, suspendUser, UnsuspendUserInput, unsuspendUser } from "@/lib/moderation/suspensions";
import { ok } from "../http";
import type { Route } from "../router";

export const modUserRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/suspend",
    doc: { operationId: "suspendUser", summary: "Suspends a member until a moment in the future (moderators; admins also moderators).", input: SuspendUserInput },
    handler: async (request, ctx) => ok({ suspension: await suspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/unsuspend",
    doc: { operationId: "unsuspendUser", summary: "Lifts a member's suspension before its end.", input: UnsuspendUserInput },
    handler: async (request, ctx) => ok({ suspension: await unsuspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
];
