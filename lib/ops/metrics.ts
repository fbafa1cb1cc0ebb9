import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { databaseHandle } from "@/db/client";
import type { QueryTiming } from "@/db/driver-load";
import type { LiveEvent } from "@/lib/live/event-types";
import { liveServer } from "@/lib/live/registry";
import { postRoom } from "@/lib/live/rooms";
import { processSlot } from "@/lib/process-slot";

const postRoomPrefix = postRoom("");

/** Every series this node exposes on GET /metrics (Prometheus text), created once per process. */
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  // Heap, event-loop lag (mizan_nodejs_eventloop_lag_*), GC, handles: prom-client's defaults.
  collectDefaultMetrics({ register: registry, prefix: "mizan_" });
  const requests = new Counter({
    name: "mizan_http_requests_total",
    help: "HTTP requests answered, by route template, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "mizan_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route template",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const pageRenders = new Counter({
    name: "mizan_page_renders_total",
    help: "Pages rendered by Next.js (not served from the shared render, the page cache)",
    registers,
  });
  const rateLimited = new Counter({
    name: "mizan_rate_limit_refusals_total",
    help: "Requests refused by a rate limit (answered 429), by route template",
    labelNames: ["route"] as const,
    registers,
  });
  const eventsPublished = new Counter({ name: "mizan_events_published_total", help: "Live events handed to socket.io after their commit", registers });
  const outboxLag = new Histogram({
    name: "mizan_outbox_lag_seconds",
    help: "From an event's row being written in its transaction to its fan-out after the commit",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  subscribe("mizan:events-published", (message) => {
    const { events, at } = message as { events: LiveEvent[]; at: number };
    eventsPublished.inc(events.length);
    for (const event of events) outboxLag.observe(Math.max(0, at - Date.parse(event.at)) / 1000);
  });
  new Gauge({
    name: "mizan_socket_connections",
    help: "socket.io connections open on this node",
    registers,
    collect() {
      this.set(liveServer()?.of("/").sockets.size ?? 0);
    },
  });
  new Gauge({
    name: "mizan_socket_subscriptions",
    help: "Post subscriptions (a socket in a post's room) on this node",
    registers,
    collect() {
      let subscriptions = 0;
      for (const socket of liveServer()?.of("/").sockets.values() ?? []) {
        for (const room of socket.rooms) if (room.startsWith(postRoomPrefix)) subscriptions++;
      }
      this.set(subscriptions);
    },
  });
  const queryLatency = new Histogram({
    name: "mizan_db_query_duration_seconds",
    help: "From a query being issued (waiting for a connection included) to its answer",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  subscribe("mizan:db-query", (message) => queryLatency.observe((message as QueryTiming).seconds));
  new Gauge({
    name: "mizan_db_pool_connections",
    help: "Database connections of this node: size (the pool), in_use (held by a query or transaction), waiting (work queued for one)",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      const { size, topLevelQueries, transactions } = (await databaseHandle()).load();
      const busy = topLevelQueries + transactions;
      this.set({ state: "size" }, size);
      this.set({ state: "in_use" }, Math.min(size, busy));
      this.set({ state: "waiting" }, Math.max(0, busy - size));
    },
  });
  return { registry, requests, latency, pageRenders, rateLimited };
}

const slot = processSlot<ReturnType<typeof createMetrics>>("metrics");
const metrics = () => slot.getOrCreate(createMetrics);

const routeTemplates = new WeakMap<IncomingMessage, string>();

/** Names the route template a request matched (the API router does), the label its metrics are counted under. */
export function labelRoute(req: IncomingMessage, template: string): void {
  routeTemplates.set(req, template);
}

/** Pages and assets Next.js serves, without an API template: grouped so the label set stays small. */
function fallbackRoute(req: IncomingMessage): string {
  const url = req.url ?? "/";
  if (url.startsWith("/_next/")) return "/_next/*";
  if (url.startsWith("/socket.io/")) return "/socket.io/*";
  return "page";
}

/** Counts the request and its latency once its response ends, under its route template (never the raw URL). */
export function observeRequest(req: IncomingMessage, res: ServerResponse): void {
  const { requests, latency, pageRenders, rateLimited } = metrics();
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const route = routeTemplates.get(req) ?? fallbackRoute(req);
    if (route === "page" && res.getHeader("x-mizan-cache") !== "hit") pageRenders.inc();
    if (res.statusCode === 429) rateLimited.inc({ route });
    const labels = { route, method: req.method ?? "GET" };
    requests.inc({ ...labels, status: String(res.statusCode) });
    latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
}

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; text: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, text: await registry.metrics() };
}
