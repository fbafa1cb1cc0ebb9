import { followTarget, unfollowTarget } from "@/lib/notify/follows";
import { noContent, ok } from "../http";
import type { Route } from "../router";

export const followRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/follows/:targetType/:targetId",
    handler: async (request, ctx) => ok(await followTarget(ctx, request.params)),
  },
  {
    method: "DELETE",
    path: "/api/v1/follows/:targetType/:targetId",
    handler: async (request, ctx) => {
      await unfollowTarget(ctx, request.params);
      return noContent();
    },
  },
];
