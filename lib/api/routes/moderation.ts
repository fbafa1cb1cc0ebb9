import { resolvePost } from "@/lib/forecasts/resolution";
import { moderateContent } from "@/lib/moderation/content-actions";
import { ok } from "../http";
import type { Route } from "../router";

const resolve: Route["handler"] = async (request, ctx) => ok({ resolution: await resolvePost(ctx, { ...(await request.json()), postId: request.params.postId }) });

/**
 * `/api/v1/mod/…`: moderator actions. Fixed paths (`/mod/post/{id}/resolve`, and the other helpers' `/mod/queue/…`,
 * `/mod/user/…`) win over the generic `/mod/{targetType}/{targetId}/{action}`, whose verb refuses any pair it
 * does not know with 400.
 */
export const moderationRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/:targetType/:targetId/:action",
    handler: async (request, ctx) => {
      const { targetType, targetId, action } = request.params;
      return ok(await moderateContent(ctx, { ...(await request.json()), targetType, targetId, action }));
    },
  },
  { method: "POST", path: "/api/v1/mod/post/:postId/resolve", handler: resolve },
  // The first path resolve had, kept for the clients that use it.
  { method: "POST", path: "/api/v1/mod/posts/:postId/resolve", handler: resolve },
];
