import type { Server } from "node:http";
import type { Duplex } from "node:stream";

/**
 * The sockets `server` hands to upgrades (socket.io's WebSockets). They are no longer its HTTP connections, so
 * `closeAllConnections()` leaves them, and the server's close waits for each reader's answer to its close frame:
 * seconds, on a busy machine with many readers. `destroyAll` cuts those that have not closed.
 */
export function trackUpgradedSockets(server: Server): { destroyAll: () => void } {
  const open = new Set<Duplex>();
  server.on("upgrade", (_request, socket: Duplex) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  });
  return {
    destroyAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
}
