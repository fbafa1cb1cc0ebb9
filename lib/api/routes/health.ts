import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";
import { currentPhase, unreachableDependencies } from "@/lib/ops/readiness";
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
      const retry = { "retry-after": "1" };
      const phase = currentPhase();
      if (phase !== "serving") return { status: 503, body: { status: phase }, headers: retry };
      const unreachable = unreachableDependencies();
      try {
        await (await databaseHandle()).ping();
      } catch (error) {
        logger.warn({ err: error }, "readiness check cannot reach the database");
        unreachable.unshift("db");
      }
      if (unreachable.length > 0) return { status: 503, body: { status: "unready", unreachable }, headers: retry };
      return { status: 200, body: { status: "ready" } };
    },
  },
];
