import { discardDraft, getDraft, saveDraft } from "@/lib/forum/drafts";
import { previewMarkdown } from "@/lib/forum/preview";
import { noContent, ok } from "../http";
import { requestContext } from "../request-context";
import type { Route } from "../router";

export const draftRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/drafts/:key",
    handler: async (request) => ok({ draft: await getDraft(await requestContext(request), request.params) }),
  },
  {
    method: "PUT",
    path: "/api/v1/drafts/:key",
    handler: async (request) => {
      const ctx = await requestContext(request);
      const body = await request.json();
      return ok(await saveDraft(ctx, { content: body.content, key: request.params.key }));
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/drafts/:key",
    handler: async (request) => {
      await discardDraft(await requestContext(request), request.params);
      return noContent();
    },
  },
  {
    method: "POST",
    path: "/api/v1/preview",
    handler: async (request) => {
      const ctx = await requestContext(request);
      return ok(await previewMarkdown(ctx, await request.json()));
    },
  },
];
