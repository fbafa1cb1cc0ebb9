import { getPost, listPosts } from "@/lib/forum/posts";
import { ok } from "../http";
import type { Route } from "../router";

export const postRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts",
    handler: async (request, ctx) => ok(await listPosts(ctx, request.query)),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:idOrSlug",
    handler: async (request, ctx) =>
      ok({ post: await getPost(ctx, { idOrSlug: request.params.idOrSlug, lang: request.query.lang }) }),
  },
];
