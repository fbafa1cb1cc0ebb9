import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";
import { readiness } from "@/lib/ops/readiness";
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
  {
    // Readiness, for a balancer: 503 while the node starts, drains after SIGTERM, or cannot reach its database or Redis.
    method: "GET",
    path: "/api/ready",
    doc: { operationId: "getReady", summary: "Readiness, for a balancer: 503 with Retry-After while starting, draining, or cut off from the database or Redis." },
    handler: async () => {
      const report = await readiness();
      return report.status === "ready" ? { status: 200, body: report } : { status: 503, body: report, headers: { "retry-after": "1" } };
    },
  },
];
