import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { isSameOrigin } from "./origin";

/**
 * The socket.io server on the app's own HTTP server. Browsers must connect from this site's origin; clients
 * that send no Origin at all (scripts, bots, tests) are let in, as they carry no ambient cookie authority.
 */
export function createLiveServer(httpServer: HttpServer): Server {
  const { PUBLIC_URL } = env();
  const io = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined) return callback(null, true);
      const allowed = isSameOrigin(origin, req.headers.host, PUBLIC_URL);
      if (!allowed) logger.warn({ origin }, "refused a socket from a foreign origin");
      callback(allowed ? null : "foreign origin", allowed);
    },
  });
  io.on("connection", (socket) => {
    logger.debug({ id: socket.id }, "socket connected");
  });
  return io;
}
