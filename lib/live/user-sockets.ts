import { liveServer } from "./registry";

/** Each authenticated socket joins its member's room, so all of a member's sockets can be reached at once. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/**
 * Disconnects every socket of a member, on every node (the Redis adapter carries it), so that a suspension or
 * role change applies at once; clients reconnect and are authenticated afresh.
 */
export function dropUserSockets(userId: string): void {
  liveServer()?.in(userRoom(userId)).disconnectSockets(true);
}
