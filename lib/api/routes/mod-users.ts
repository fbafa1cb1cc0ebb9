import { suspendUser, SuspendUserInput, unsuspendUser, UnsuspendUserInput } from "@/lib/moderation/suspensions";
import { ok } from "../http";
import type { Route } from "../router";

export const modUserRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/suspend",
    doc: { operationId: "suspendUser", summary: "Suspends a member until a time: they read, but every write answers 403 (moderators).", input: SuspendUserInput },
    handler: async (request, ctx) => ok({ suspension: await suspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
  {
    method: "POST",
    path: "/api/v1/mod/user/:userId/unsuspend",
    doc: { operationId: "unsuspendUser", summary: "Lifts a suspension now (moderators).", input: UnsuspendUserInput },
    handler: async (request, ctx) => ok({ suspension: await unsuspendUser(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
];
