import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Actor } from "@/lib/auth/actor";
import { toUserView } from "@/lib/auth/user-view";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { authenticateSocket } from "./authenticate";
import { isSameOrigin } from "./origin";
import { registerLiveServer } from "./registry";
import { userRoom } from "./user-sockets";

export type SocketData = { actor: Actor | null };

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
  io.use((socket, next) => {
    authenticateSocket(socket).then(
      (actor) => {
        (socket.data as SocketData).actor = actor;
        next();
      },
      (error: Error) => next(error),
    );
  });
  io.on("connection", (socket) => {
    const { actor } = socket.data as SocketData;
    if (actor) void socket.join(userRoom(actor.id));
    socket.on("me", (ack: unknown) => {
      if (typeof ack === "function") ack({ user: actor ? toUserView(actor) : null });
    });
  });
  registerLiveServer(io);
  return io;
}
