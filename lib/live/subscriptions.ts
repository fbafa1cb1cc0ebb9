import { Identifier } from "@/lib/validation";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { isModerator, type Actor } from "@/lib/auth/actor";
import { getPost } from "@/lib/forum/posts";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { listEvents } from "./events";
import { postModeratorsRoom, postRoom } from "./rooms";
import { schedulePresence } from "./presence";

type Ack = (answer: unknown) => void;
type Failure = { ok: false; error: { code: string; message: string } };

const SubscribeInput = z.object({
  postId: Identifier,
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

// A reader subscribes a few times a minute at most; a flood is answered, not served.
const subscribeLimiter = new RateLimiterMemory({ points: 20, duration: 10 });

const fail = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });

/** Sends every event after `after` to one socket, page by page, and returns the last seq sent. */
async function catchUp(socket: Socket, actor: Actor | null, postId: string, after: number): Promise<number> {
  let cursor = after;
  for (;;) {
    const { events } = await listEvents({ actor }, { postId, after: cursor, limit: 1000 });
    for (const event of events) socket.emit("event", event);
    if (events.length < 1000) return events.at(-1)?.seq ?? cursor;
    cursor = events.at(-1)!.seq;
  }
}

/**
 * `subscribe {postId, after?}`: checks that the socket's member may read the post (every time, so a reconnect
 * is re-checked), joins the post's room, delivers every event after `after` in order, then acknowledges
 * `{ok: true, lastSeq}`. Events committed while a catch-up runs may also arrive through the room; clients drop
 * any seq they already have (see docs/API.md).
 */
async function subscribe(io: Server, socket: Socket, actor: Actor | null, payload: unknown): Promise<unknown> {
  try {
    await subscribeLimiter.consume(socket.id);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return fail("rate_limited", "Too many subscriptions; slow down.");
    throw rejection;
  }
  const parsed = SubscribeInput.safeParse(payload);
  if (!parsed.success) return fail("validation_failed", "Send {postId: string, after?: non-negative integer}.");
  const { postId, after } = parsed.data;
  // The same read as every door's, so the same visibility rule (a NotFound answers not_found below).
  const post = await getPost({ actor }, { idOrSlug: postId });
  await socket.join(postRoom(post.id));
  // Moderators hear the votes contest mode withholds from the rest (publishEvents); a role change drops the socket.
  if (isModerator(actor)) await socket.join(postModeratorsRoom(post.id));
  schedulePresence(io, post.id);
  const lastSeq = after === undefined ? post.lastSeq : await catchUp(socket, actor, post.id, after);
  return { ok: true, postId: post.id, lastSeq: Math.max(lastSeq, post.lastSeq) };
}

export function handleSubscriptions(io: Server, socket: Socket, actor: Actor | null): void {
  socket.on("subscribe", (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === "function" ? (ack as Ack) : () => {};
    subscribe(io, socket, actor, payload).then(reply, (error: unknown) => {
      if (error instanceof DomainError) return reply(fail(error.code, error.message));
      logger.error({ err: error }, "subscribe failed");
      reply(fail("internal", "Something went wrong on our side."));
    });
  });
  socket.on("unsubscribe", (payload: unknown, ack?: unknown) => {
    const postId = (payload as { postId?: unknown } | null)?.postId;
    if (typeof postId === "string" && socket.rooms.has(postRoom(postId))) {
      void socket.leave(postRoom(postId));
      void socket.leave(postModeratorsRoom(postId));
      schedulePresence(io, postId);
    }
    if (typeof ack === "function") (ack as Ack)({ ok: true });
  });
  socket.on("disconnecting", () => {
    for (const room of socket.rooms) if (room.startsWith("post:")) schedulePresence(io, room.slice("post:".length));
  });
}
