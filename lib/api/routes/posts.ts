import { getPost, listPosts } from "@/lib/forum/posts";
import { ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const postRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts",
    handler: async (request) => ok(await listPosts(await requestContext(request), request.query)),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:idOrSlug",
    handler: async (request) =>
      ok({ post: await getPost(await requestContext(request), { idOrSlug: request.params.idOrSlug, lang: request.query.lang }) }),
  },
];
