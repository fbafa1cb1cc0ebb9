import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";
import type { Route } from "../router";

export const healthRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/health",
    doc: { operationId: "getHealth", summary: "Liveness: the process answers and reaches its database." },
    handler: async () => {
      try {
        await (await databaseHandle()).ping();
        return { status: 200, body: { status: "ok", db: "ok" } };
      } catch (error) {
        logger.warn({ err: error }, "health check cannot reach the database");
        return { status: 503, body: { status: "error", db: "unreachable" } };
      }
    },
  },
];
