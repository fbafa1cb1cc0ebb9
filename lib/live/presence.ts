import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { postRoom } from "./rooms";

/**
 * How many readers a post has, announced as `presence {postId, readers}` at most once a second per post: a
 * thousand readers arriving together make one announcement, not a thousand. Counts are summed over every node
 * (each answers `mizan:presence` with its own count through the adapter).
 */
const delayMs = 1000;
/** Each live server's scheduled announcements, by post; none once it has stopped. */
const scheduled = new WeakMap<Server, Map<string, NodeJS.Timeout> | "stopped">();

function localReaders(io: Server, postId: string): number {
  return io.of("/").adapter.rooms.get(postRoom(postId))?.size ?? 0;
}

async function otherNodesReaders(io: Server, postId: string): Promise<number[]> {
  // Without REDIS_URL this is the only node (and the in-memory adapter cannot ask others).
  if (!env().REDIS_URL) return [];
  try {
    return (await io.serverSideEmitWithAck("mizan:presence", postId)) as number[];
  } catch {
    return []; // a node that did not answer in time counts as none
  }
}

export async function countReaders(io: Server, postId: string): Promise<number> {
  const others = await otherNodesReaders(io, postId);
  return localReaders(io, postId) + others.reduce((sum, n) => sum + (Number(n) || 0), 0);
}

export function schedulePresence(io: Server, postId: string): void {
  let pending = scheduled.get(io);
  if (pending === "stopped") return;
  if (!pending) scheduled.set(io, (pending = new Map()));
  if (pending.has(postId)) return;
  const timers = pending;
  const announce = () => {
    timers.delete(postId);
    void countReaders(io, postId).then((readers) => {
      if (scheduled.get(io) !== "stopped") io.to(postRoom(postId)).emit("presence", { postId, readers });
    });
  };
  timers.set(postId, setTimeout(announce, delayMs).unref());
}

/**
 * On shutdown, before this node's sockets are dropped: no more announcements from it (each would be published
 * through Redis after it closed). The readers it drops are counted again by the node they reconnect to.
 */
export function stopPresence(io: Server): void {
  const pending = scheduled.get(io);
  if (pending instanceof Map) for (const timer of pending.values()) clearTimeout(timer);
  scheduled.set(io, "stopped");
}

/** Answers other nodes' presence questions with this node's count. */
export function answerPresence(io: Server): void {
  io.on("mizan:presence", (postId: unknown, reply: (count: number) => void) => {
    if (typeof postId === "string" && typeof reply === "function") reply(localReaders(io, postId));
  });
}
