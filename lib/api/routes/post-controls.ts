import { setSlowMode } from "@/lib/moderation/slow-mode";
import { ok } from "../http";
import type { Route } from "../router";

/** Moderators' per-post controls. */
export const postControlRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/post/:postId/slow-mode",
    handler: async (request, ctx) => ok(await setSlowMode(ctx, { ...(await request.json()), postId: request.params.postId })),
  },
];
