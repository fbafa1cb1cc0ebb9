import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { dropCachedPages } from "@/lib/http/page-cache";
import { liveServer } from "./registry";

const dropEvent = "pages.changed";

/**
 * Drops the pages kept for anonymous readers on every node (through Redis when it is configured), so a write is
 * on every reader's next load wherever the balancer sends them: the kept pages end by events, the TTL only bounds
 * what no event announces.
 */
export function dropPagesEverywhere(): void {
  dropCachedPages();
  if (env().REDIS_URL) liveServer()?.serverSideEmit(dropEvent);
}

/** Lets other nodes' dropPagesEverywhere reach this one. */
export function listenForPageDrops(io: Server): void {
  io.on(dropEvent, () => dropCachedPages());
}
