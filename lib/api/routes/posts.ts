import { createPost, listPostRevisions, updatePost } from "@/lib/forum/post-authoring";
import { getPost, listPosts } from "@/lib/forum/posts";
import { created, ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const postRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts",
    handler: async (request) => ok(await listPosts(await requestContext(request), request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/posts",
    handler: async (request) => {
      const ctx = await requestContext(request);
      return created({ post: await createPost(ctx, await request.json()) });
    },
  },
  {
    method: "GET",
    path: "/api/v1/posts/:idOrSlug",
    handler: async (request) =>
      ok({ post: await getPost(await requestContext(request), { idOrSlug: request.params.idOrSlug, lang: request.query.lang }) }),
  },
  {
    method: "PATCH",
    path: "/api/v1/posts/:postId",
    handler: async (request) => {
      const ctx = await requestContext(request);
      return ok({ post: await updatePost(ctx, { ...(await request.json()), postId: request.params.postId }) });
    },
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/revisions",
    handler: async (request) => ok({ revisions: await listPostRevisions(await requestContext(request), request.params) }),
  },
];
