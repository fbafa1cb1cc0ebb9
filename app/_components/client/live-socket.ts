import { io, type Socket } from "socket.io-client";

let socket: Socket | null = null;
let users = 0;

/**
 * The tab's one socket.io connection, shared by every feature that listens (the bell, the queue count, a live
 * page): opened by the first that joins, closed when the last leaves. WebSocket only, no long-polling: behind a
 * balancer any node may take it, with no sticky sessions (ops/haproxy.cfg). The server puts the connection in the
 * member's room and, for moderators, the moderators' room at every handshake, so a reconnect keeps them.
 * `listen` attaches the feature's handlers and returns what detaches them; `connected` runs now if the socket
 * is already connected and at every later connection, with `again` true from the second time on for this
 * feature (something may have been missed meanwhile). Returns the function that leaves.
 */
export function joinLiveSocket(listen: (socket: Socket) => () => void, connected?: (socket: Socket, again: boolean) => void): () => void {
  const shared = (socket ??= io({ transports: ["websocket"] }));
  users += 1;
  const unlisten = listen(shared);
  let seenBefore = false;
  const onConnect = () => {
    connected?.(shared, seenBefore);
    seenBefore = true;
  };
  shared.on("connect", onConnect);
  if (shared.connected) onConnect();
  return () => {
    unlisten();
    shared.off("connect", onConnect);
    users -= 1;
    if (users === 0) {
      shared.disconnect();
      socket = null;
    }
  };
}
