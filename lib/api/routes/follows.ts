import { followTarget, unfollowTarget } from "@/lib/notify/follows";
import { noContent, ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const followRoutes: Route[] = [
  {
    method: "PUT",
    path: "/api/v1/follows/:targetType/:targetId",
    handler: async (request) => ok(await followTarget(await requestContext(request), request.params)),
  },
  {
    method: "DELETE",
    path: "/api/v1/follows/:targetType/:targetId",
    handler: async (request) => {
      await unfollowTarget(await requestContext(request), request.params);
      return noContent();
    },
  },
];
