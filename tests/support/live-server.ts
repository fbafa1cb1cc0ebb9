import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectSocket, type Socket } from "socket.io-client";
import { createApiRouter } from "@/lib/api/router";
import { createLiveServer } from "@/lib/live/attach";

/**
 * The API router and socket.io on one in-process HTTP server, without Next.js, over the test file's database:
 * enough to test the JSON API and live updates end to end on a real socket.
 */
export async function startLiveServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const handleApi = createApiRouter();
  const http: HttpServer = createServer((req, res) => {
    if (!handleApi(req, res)) res.writeHead(404).end();
  });
  const live = createLiveServer(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await live.close();
      await live.closeRedis();
    },
  };
}

export type LiveEventMessage = { postId: string; seq: number; type: string; at: string; data: Record<string, any> };

/** A socket.io client that records every event it receives. */
export function connectReader(url: string, auth: { token?: string } = {}): { socket: Socket; received: LiveEventMessage[] } {
  const socket = connectSocket(url, { transports: ["websocket"], auth, reconnection: false, forceNew: true });
  const received: LiveEventMessage[] = [];
  socket.on("event", (event: LiveEventMessage) => received.push(event));
  return { socket, received };
}

export function subscribe(socket: Socket, payload: unknown): Promise<any> {
  return new Promise((resolve) => socket.emit("subscribe", payload, resolve));
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
