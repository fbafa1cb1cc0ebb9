import { liveServer } from "./registry";

/** The room every moderator's sockets join at the handshake (lib/live/attach.ts), after the role check. */
export const moderatorsRoom = "moderators";

/** Tells every moderator, on every node, how many targets wait in the review queue now. */
export function announceQueue(open: number): void {
  liveServer()?.to(moderatorsRoom).emit("queue.changed", { open });
}
