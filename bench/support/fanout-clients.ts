/**
 * Child process of bench/fanout.ts: holds many socket.io clients (websocket transport only), in named groups
 * (one per server under test), each subscribed to a post, and records when each client receives each `event`.
 * It runs apart from the servers and from the process that sends the writes, so each server's CPU and memory
 * figures are its own. Driven over IPC (see fanout-harness.ts); times are `performance.timeOrigin +
 * performance.now()`, and the parent corrects for any clock offset between the two processes.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { measuredEventKey } from "./event-key.mjs";

type Command =
  | { cmd: "clock" }
  | { cmd: "connect"; group: string; url: string; count: number; postId: string; concurrency: number; timeoutMs: number }
  | { cmd: "deliveries" }
  | { cmd: "round" }
  | { cmd: "results"; group: string; origins: Record<string, Record<string, number>> }
  | { cmd: "disconnect"; group: string };

type Group = { sockets: Socket[]; unexpectedDisconnects: number };

const now = () => performance.timeOrigin + performance.now();
const groups = new Map<string, Group>();
/** Receipt times per event key (event-key.mjs), one per client that received it. Keys are unique per send. */
const received = new Map<string, number[]>();
let deliveries = 0;
/** Time this process spent paused in garbage collection since the round began (the instrument's own noise). */
let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

function onEvent(event: { type?: string; data?: Record<string, unknown> }) {
  const at = now();
  const key = measuredEventKey(event);
  if (!key) return; // presence and other events are not measured
  let times = received.get(key);
  if (!times) received.set(key, (times = []));
  times.push(at);
  deliveries += 1;
}

function connectOne(url: string, postId: string, timeoutMs: number, group: Group): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: timeoutMs });
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no subscribe ack within ${timeoutMs} ms`)), timeoutMs);
    socket.on("event", onEvent);
    socket.once("connect_error", fail);
    socket.once("connect", () =>
      socket.emit("subscribe", { postId }, (ack: { ok?: boolean } | undefined) => {
        if (!ack?.ok) return fail(new Error(`subscribe refused: ${JSON.stringify(ack)}`));
        clearTimeout(timer);
        socket.on("disconnect", () => (group.unexpectedDisconnects += 1));
        resolve(socket);
      }),
    );
  });
}

/** Opens `count` subscribed clients, at most `concurrency` handshakes at a time (a burst of 5,000 at once would
 * measure the accept queue, not the steady state). */
async function connect(c: Extract<Command, { cmd: "connect" }>) {
  const group = groups.get(c.group) ?? { sockets: [], unexpectedDisconnects: 0 };
  groups.set(c.group, group);
  const started = now();
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: Math.min(c.concurrency, c.count) }, async () => {
      while (next < c.count) {
        next += 1;
        try {
          group.sockets.push(await connectOne(c.url, c.postId, c.timeoutMs, group));
        } catch (error) {
          failed += 1;
          firstError ??= String(error);
        }
      }
    }),
  );
  return { connected: group.sockets.length, failed, firstError, ms: now() - started };
}

/**
 * Latency of every (event, client) delivery from each origin (already in this clock): `request` (the parent's
 * send) and `commit` (the server's publishing), by event key; then forgets the deliveries.
 */
function results(c: Extract<Command, { cmd: "results" }>) {
  const group = groups.get(c.group);
  const clients = group?.sockets.length ?? 0;
  const from = Object.fromEntries(Object.keys(c.origins).map((origin) => [origin, { latencies: [] as number[], lastDelivery: [] as number[] }]));
  let missing = 0;
  for (const key of Object.keys(c.origins.request ?? {})) {
    const times = received.get(key) ?? [];
    received.delete(key);
    deliveries -= times.length;
    missing += clients - times.length;
    const last = Math.max(...times);
    for (const [origin, starts] of Object.entries(c.origins)) {
      const start = starts[key];
      if (start === undefined || !times.length) continue;
      for (const t of times) from[origin]!.latencies.push(t - start);
      from[origin]!.lastDelivery.push(last - start);
    }
  }
  for (const figures of Object.values(from)) {
    figures.latencies.sort((a, b) => a - b);
    figures.lastDelivery.sort((a, b) => a - b);
  }
  return { from, missing, unexpectedDisconnects: group?.unexpectedDisconnects ?? 0, gcPauseMs };
}

async function handle(message: Command): Promise<unknown> {
  switch (message.cmd) {
    case "clock":
      return { now: now() };
    case "connect":
      return connect(message);
    case "deliveries":
      return { deliveries };
    case "round":
      gcPauseMs = 0;
      return { ok: true };
    case "results":
      return results(message);
    case "disconnect":
      for (const socket of groups.get(message.group)?.sockets ?? []) {
        socket.off("disconnect");
        socket.close();
      }
      groups.delete(message.group);
      return { ok: true };
  }
}

process.on("message", (message: Command & { id: number }) => {
  handle(message).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: String(error) }),
  );
});
// The parent going away (even killed) must not leave thousands of sockets open.
process.on("disconnect", () => process.exit(0));
