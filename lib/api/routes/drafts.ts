import { discardDraft, getDraft, saveDraft, SaveDraftInput } from "@/lib/forum/drafts";
import { PreviewInput, previewMarkdown } from "@/lib/forum/preview";
import { noContent, ok } from "../http";
import type { Route } from "../router";

export const draftRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/drafts/:key",
    doc: { operationId: "getDraft", summary: "The signed-in member's draft under a key." },
    handler: async (request, ctx) => ok({ draft: await getDraft(ctx, request.params) }),
  },
  {
    method: "PUT",
    path: "/api/v1/drafts/:key",
    doc: { operationId: "saveDraft", summary: "Saves a draft under a key.", input: SaveDraftInput },
    handler: async (request, ctx) => {
      const body = await request.json();
      return ok(await saveDraft(ctx, { content: body.content, key: request.params.key }));
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/drafts/:key",
    doc: { operationId: "discardDraft", summary: "Discards a draft.", success: 204 },
    handler: async (request, ctx) => {
      await discardDraft(ctx, request.params);
      return noContent();
    },
  },
  {
    method: "POST",
    path: "/api/v1/preview",
    doc: { operationId: "previewMarkdown", summary: "Renders Markdown as it would be published.", input: PreviewInput },
    handler: async (request, ctx) => ok(await previewMarkdown(ctx, await request.json())),
  },
];
