import type { Server } from "socket.io";
import { processSlot } from "@/lib/process-slot";

const io = processSlot<Server>("io");

export function registerLiveServer(server: Server | undefined): void {
  io.set(server);
}

/** The process's socket.io server, or undefined where none runs (tests of verbs, scripts). */
export function liveServer(): Server | undefined {
  return io.get();
}
