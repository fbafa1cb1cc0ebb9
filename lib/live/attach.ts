import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { isModerator, type Actor } from "@/lib/auth/actor";
import { listenForForgottenTokens } from "@/lib/auth/token-cache";
import { toUserView } from "@/lib/auth/user-view";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { authenticateSocket } from "./authenticate";
import { isSameOrigin } from "@/lib/http/origin";
import { registerDependency } from "@/lib/ops/readiness";
import { moderatorsRoom } from "./moderator-sockets";
import { countPendingReviews } from "@/lib/moderation/review-queue";
import { listenForPageDrops } from "./page-drops";
import { answerPresence, stopPresence } from "./presence";
import { registerLiveServer } from "./registry";
import { handleSubscriptions } from "./subscriptions";
import { userRoom } from "./user-sockets";

export type SocketData = { actor: Actor | null };

/** With REDIS_URL, events, presence questions and socket drops reach every node through Redis pub/sub. */
function redisAdapter(url: string) {
  const pub = new Redis(url, { lazyConnect: false });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", (error) => logger.error({ err: error }, "redis error"));
  // Without Redis this node's events would reach only its own readers: not ready (GET /api/ready).
  registerDependency("redis", () => pub.status === "ready" && sub.status === "ready");
  return { adapter: createAdapter(pub, sub), close: () => Promise.all([pub.quit(), sub.quit()]) };
}

/**
 * The socket.io server on the app's own HTTP server. Browsers must connect from this site's origin; clients
 * that send no Origin at all (scripts, bots, tests) are let in, as they carry no ambient cookie authority.
 */
export function createLiveServer(httpServer: HttpServer): { io: Server; close: () => Promise<void>; closeRedis: () => Promise<void> } {
  const { PUBLIC_URL, REDIS_URL } = env();
  const redis = REDIS_URL ? redisAdapter(REDIS_URL) : undefined;
  const io = new Server(httpServer, {
    serveClient: false,
    adapter: redis?.adapter,
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
    // Who is on the socket is known now: let the upgrade request go (a few KB per socket, socket.io's own advice).
    (socket.conn as { request: unknown }).request = null;
    const { actor } = socket.data as SocketData;
    if (actor) void socket.join(userRoom(actor.id));
    // A role change drops the member's sockets (lib/auth/accounts.ts), so this is asked again on reconnect.
    // The queue's count comes at once: a reconnecting moderator may have missed a change.
    if (isModerator(actor)) {
      void socket.join(moderatorsRoom);
      void countPendingReviews({ actor }).then(
        (open) => open !== null && socket.emit("queue.changed", { open }),
        (error: unknown) => logger.warn({ err: error }, "could not count the review queue for a moderator's socket"),
      );
    }
    socket.on("me", (ack: unknown) => {
      if (typeof ack === "function") ack({ user: actor ? toUserView(actor) : null });
    });
    handleSubscriptions(io, socket, actor);
  });
  answerPresence(io);
  listenForForgottenTokens(io);
  listenForPageDrops(io);
  registerLiveServer(io);
  return {
    io,
    // Drops this node's sockets and closes the HTTP server, which ends once its connections have; Redis stays
    // open, so what this node still publishes (writes in flight, the coalesced totals flushed on shutdown)
    // reaches the other nodes' readers.
    close: () => {
      stopPresence(io);
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
    /** After the last publish. */
    closeRedis: async () => {
      await redis?.close().catch(() => {});
    },
  };
}
