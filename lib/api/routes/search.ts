import { searchContent } from "@/lib/search/search";
import { ok } from "../http";
import type { Route } from "../router";

export const searchRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/search",
    handler: async (request, ctx) => ok(await searchContent(ctx, request.query)),
  },
];
