/**
 * The reference for bench/fanout.ts: plain node:http + socket.io with nothing else, as a separate process. A
 * client's `subscribe` (with ack) joins the one room, like Mizan's; `POST /emit {id, bytes}` broadcasts one
 * `event` to the room whose JSON is `bytes` long, shaped like Mizan's reply.created so clients key it the same.
 * Like Mizan (lib/live/outbox.ts), it reports each broadcast on the "mizan:events-published" channel, with the
 * moment the emit began.
 */
import { channel } from "node:diagnostics_channel";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const room = "room";
const published = channel("mizan:events-published");
let seq = 0;

function payload(id: string, bytes: number) {
  const event = { postId: "bare", seq: ++seq, type: "reply.created", at: new Date().toISOString(), data: { reply: { id, body: "" } } };
  event.data.reply.body = "x".repeat(Math.max(0, bytes - Buffer.byteLength(JSON.stringify(event))));
  return event;
}

const http = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/emit") return void res.writeHead(404).end();
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const { id, bytes } = JSON.parse(body) as { id: string; bytes: number };
    const at = performance.timeOrigin + performance.now();
    const event = payload(id, bytes);
    io.to(room).emit("event", event);
    if (published.hasSubscribers) published.publish({ events: [event], at });
    res.writeHead(204).end();
  });
});
const io = new Server(http, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("subscribe", (_payload: unknown, ack?: unknown) => {
    void socket.join(room);
    if (typeof ack === "function") ack({ ok: true, lastSeq: seq });
  });
});
http.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (http.address() as AddressInfo).port })));
process.on("SIGTERM", () => void io.close(() => process.exit(0)));
