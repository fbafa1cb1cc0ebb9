import { exportModerationLogCsv, listModerationLog } from "@/lib/moderation/log-entries";
import { csv, ok } from "../http";
import type { Route } from "../router";

export const modLogRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/log",
    handler: async (request, ctx) => ok(await listModerationLog(ctx, request.query)),
  },
  {
    method: "GET",
    path: "/api/v1/mod/log.csv",
    // Every entry the filters match: the export takes no limit or cursor.
    handler: async (request, ctx) => csv(await exportModerationLogCsv(ctx, request.query), "moderation-log.csv"),
  },
];
