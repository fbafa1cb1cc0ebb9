import { exportModerationLogCsv, ListModerationLogInput, listModerationLog, LogFilters } from "@/lib/moderation/log-entries";
import { csv, ok } from "../http";
import type { Route } from "../router";

export const modLogRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/mod/log",
    doc: { operationId: "listModerationLog", summary: "The moderation log, newest first, filtered (moderators).", input: ListModerationLogInput, errors: ["unauthenticated", "forbidden"] },
    handler: async (request, ctx) => ok(await listModerationLog(ctx, request.query)),
  },
  {
    method: "GET",
    path: "/api/v1/mod/log.csv",
    doc: { operationId: "exportModerationLog", summary: "The filtered moderation log as text/csv, every matching entry (moderators).", input: LogFilters, errors: ["unauthenticated", "forbidden"], produces: "text/csv" },
    // Every entry the filters match: the export takes no limit or cursor.
    handler: async (request, ctx) => csv(await exportModerationLogCsv(ctx, request.query), "moderation-log.csv"),
  },
];
