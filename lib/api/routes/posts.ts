import { createPost, CreatePostInput, listPostRevisions, updatePost, UpdatePostInput } from "@/lib/forum/post-authoring";
import { getPost, GetPostInput, listPosts, ListPostsInput } from "@/lib/forum/posts";
import { created, ok } from "../http";
import type { Route } from "../router";

export const postRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/posts",
    doc: { operationId: "listPosts", summary: "Posts, latest activity first.", input: ListPostsInput },
    handler: async (request, ctx) => ok(await listPosts(ctx, request.query)),
  },
  {
    method: "POST",
    path: "/api/v1/posts",
    doc: { operationId: "createPost", summary: "Opens a new post (moderators and admins).", input: CreatePostInput, success: 201, errors: ["conflict"] },
    handler: async (request, ctx) => created({ post: await createPost(ctx, await request.json()) }),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:idOrSlug",
    doc: { operationId: "getPost", summary: "One post by id or slug, in the asked language when it has it.", input: GetPostInput },
    handler: async (request, ctx) =>
      ok({ post: await getPost(ctx, { idOrSlug: request.params.idOrSlug, lang: request.query.lang }) }),
  },
  {
    method: "PATCH",
    path: "/api/v1/posts/:postId",
    doc: { operationId: "updatePost", summary: "Edits a post, keeping a revision.", input: UpdatePostInput, errors: ["conflict"] },
    handler: async (request, ctx) => ok({ post: await updatePost(ctx, { ...(await request.json()), postId: request.params.postId }) }),
  },
  {
    method: "GET",
    path: "/api/v1/posts/:postId/revisions",
    doc: { operationId: "listPostRevisions", summary: "A post's revisions, newest first." },
    handler: async (request, ctx) => ok({ revisions: await listPostRevisions(ctx, request.params) }),
  },
];
