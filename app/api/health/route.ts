import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";

export async function GET(): Promise<Response> {
  try {
    const handle = await databaseHandle();
    await handle.ping();
    return Response.json({ status: "ok", db: "ok" });
  } catch (error) {
    logger.warn({ err: error }, "health check cannot reach the database");
    return Response.json({ status: "error", db: "unreachable" }, { status: 503 });
  }
}
