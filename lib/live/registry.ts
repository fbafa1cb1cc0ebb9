import type { Server } from "socket.io";

// server.ts and the Next.js bundle load separate copies of lib/, so the one socket.io server lives on globalThis.
const globalKey = Symbol.for("mizan.io");
type Slot = { [globalKey]?: Server };

export function registerLiveServer(io: Server | undefined): void {
  (globalThis as Slot)[globalKey] = io;
}

/** The process's socket.io server, or undefined where none runs (tests of verbs, scripts). */
export function liveServer(): Server | undefined {
  return (globalThis as Slot)[globalKey];
}
