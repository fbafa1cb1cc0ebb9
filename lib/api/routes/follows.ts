import { FollowInput, followTarget, unfollowTarget } from "@/lib/notify/follows";
import { noContent, ok } from "../http";
import type { Route } from "../router";

export const followRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/follows/:targetType/:targetId",
    doc: { operationId: "follow", summary: "Follows a post, a scenario or a member (idempotent).", input: FollowInput, errors: ["not_found"] },
    handler: async (request, ctx) => ok(await followTarget(ctx, request.params)),
  },
  {
    method: "DELETE",
    path: "/api/v1/follows/:targetType/:targetId",
    doc: { operationId: "unfollow", summary: "Stops following (idempotent).", input: FollowInput, success: 204 },
    handler: async (request, ctx) => {
      await unfollowTarget(ctx, request.params);
      return noContent();
    },
  },
];
