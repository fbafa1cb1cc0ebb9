import { searchContent, SearchInput } from "@/lib/search/search";
import { ok } from "../http";
import type { Route } from "../router";

export const searchRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/search",
    doc: {
      operationId: "search",
      summary: "Searches posts, scenarios and replies (Arabic-aware, ranked, highlighted snippets).",
      input: SearchInput,
      errors: ["not_found"],
    },
    handler: async (request, ctx) => ok(await searchContent(ctx, request.query)),
  },
];
