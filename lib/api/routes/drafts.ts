import { discardDraft, getDraft, saveDraft } from "@/lib/forum/drafts";
import { previewMarkdown } from "@/lib/forum/preview";
import { noContent, ok } from "../http";
import type { Route } from "../router";

export const draftRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/drafts/:key",
    handler: async (request, ctx) => ok({ draft: await getDraft(ctx, request.params) }),
  },
  {
    method: "PUT",
    path: "/api/v1/drafts/:key",
    handler: async (request, ctx) => {
      const body = await request.json();
      return ok(await saveDraft(ctx, { content: body.content, key: request.params.key }));
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/drafts/:key",
    handler: async (request, ctx) => {
      await discardDraft(ctx, request.params);
      return noContent();
    },
  },
  {
    method: "POST",
    path: "/api/v1/preview",
    handler: async (request, ctx) => {
      return ok(await previewMarkdown(ctx, await request.json()));
    },
  },
];
