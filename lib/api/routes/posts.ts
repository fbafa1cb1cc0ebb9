import { createPost, listPostRevisions, updatePost } from "@/lib/forum/post-authoring";
import { getPost, listPosts } from "@/lib/forum/posts";
import { created, ok } from "../http";
import type { Route } from "../router";

export const postRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts",
    handler: async (request, ctx) => ok(await listPosts(ctx, request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/posts",
    handler: async (request, ctx) => created({ post: await createPost(ctx, await request.json()) }),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:idOrSlug",
    handler: async (request, ctx) =>
      ok({ post: await getPost(ctx, { idOrSlug: request.params.idOrSlug, lang: request.query.lang }) }),
  },
  {
    method: "PATCH",
    path: "/api/v1/posts/:postId",
    handler: async (request, ctx) => ok({ post: await updatePost(ctx, { ...(await request.json()), postId: request.params.postId }) }),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/revisions",
    handler: async (request, ctx) => ok({ revisions: await listPostRevisions(ctx, request.params) }),
  },
];
