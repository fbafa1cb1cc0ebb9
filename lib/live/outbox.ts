import { channel } from "node:diagnostics_channel";
import { eq, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { events, posts } from "@/db/schema";
import { deliverNotifications } from "@/lib/notify/deliver";
import { notifyOfEvent, type Written } from "@/lib/notify/fan-out";
import type { LiveEvent, LiveEventData, LiveEventType } from "./event-types";
import { dropPagesEverywhere } from "./page-drops";
import { withoutVotes } from "./redaction";
import { liveServer } from "./registry";
import { postModeratorsRoom, postRoom } from "./rooms";

/** Appends an event to a post's outbox, its data as lib/live/event-types.ts names it for its type. */
export type Emit = <T extends LiveEventType>(postId: string, type: T, data: LiveEventData[T]) => Promise<LiveEvent>;

const activityEvents = new Set<LiveEventType>(["scenario.created", "reply.created"]);

/**
 * Appends an event to a post's outbox inside the caller's transaction, in one statement. Bumping the post's
 * last_seq takes its row lock, so concurrent writers on one post get consecutive seqs and commit them in order.
 * Says too whether the post is in contest mode, read in the same statement, for publishing the event.
 */
async function appendEvent<T extends LiveEventType>(tx: Transaction, postId: string, type: T, data: LiveEventData[T]): Promise<{ event: LiveEvent; contest: boolean }> {
  const bumped = tx
    .$with("bumped")
    .as(
      tx
        .update(posts)
        .set({
          lastSeq: sql`${posts.lastSeq} + 1`,
          // A new scenario or reply moves the post up the home page; counters and moderation do not.
          ...(activityEvents.has(type) ? { lastActivityAt: sql`now()` } : {}),
        })
        .where(eq(posts.id, postId))
        .returning({ seq: posts.lastSeq, contest: sql`${posts.contestUntil} > now()`.as("contest") }),
    );
  const [row] = await tx
    .with(bumped)
    .insert(events)
    .select(
      tx
        .select({ postId: sql`${postId}`.as("post_id"), seq: bumped.seq, type: sql`${type}`.as("type"), data: sql`${JSON.stringify(data)}::jsonb`.as("data"), createdAt: sql`now()`.as("created_at") })
        .from(bumped),
    )
    .returning({ seq: events.seq, createdAt: events.createdAt, contest: sql<boolean | null>`(select contest from bumped)` });
  const event = { postId, seq: row!.seq, type, at: row!.createdAt.toISOString(), data } as LiveEvent;
  return { event, contest: row!.contest === true };
}

/**
 * Instrumentation (node:diagnostics_channel, free while nobody listens): each batch of committed events once
 * socket.io has them, with `at`, the moment publishing began (ms since the epoch, fractional). The fan-out
 * benchmark measures delivery from there, that is from the commit.
 */
const eventsPublished = channel("mizan:events-published");
const figuresOnly = new Set(["scenario.voted", "forecast.updated"]);
type EventsPublished = { events: LiveEvent[]; at: number };

/**
 * Sends committed events to their posts' readers, on every node through the adapter. On a post in contest mode
 * (`contested`), an event that carries votes goes whole to the post's moderators and without them to the rest.
 */
export function publishEvents(committed: LiveEvent[], contested: ReadonlySet<string> = new Set()): void {
  const at = performance.timeOrigin + performance.now();
  // Kept pages would not show what the events announce; only figures that move often (votes, the community
  // forecast) leave them: a page's live client catches up on every event after the seq it was rendered at, and a
  // member's own vote and forecast come fresh in their layer (lib/forum/member-page.ts).
  if (committed.some((event) => !figuresOnly.has(event.type))) dropPagesEverywhere();
  const io = liveServer();
  if (!io) return;
  for (const event of committed) {
    const withheld = contested.has(event.postId) ? withoutVotes(event) : null;
    if (!withheld) {
      io.to(postRoom(event.postId)).emit("event", event);
      continue;
    }
    io.to(postModeratorsRoom(event.postId)).emit("event", event);
    io.to(postRoom(event.postId)).except(postModeratorsRoom(event.postId)).emit("event", withheld);
  }
  if (eventsPublished.hasSubscribers) eventsPublished.publish({ events: committed, at } satisfies EventsPublished);
}

/** Notifications written in each open transaction of transactWithEvents, delivered to sockets after its commit. */
const notifiedIn = new WeakMap<Transaction, Written[]>();

/** Records notifications written in a transaction so their members' sockets hear of them once it commits. */
export function noteNotified(tx: Transaction, written: Written[]): void {
  notifiedIn.get(tx)?.push(...written);
}

/**
 * Runs a write and the events announcing it in one transaction, with the notifications each event causes, then
 * publishes the events and the notifications after the commit: nobody hears of a write that did not happen.
 */
export async function transactWithEvents<T>(work: (tx: Transaction, emit: Emit) => Promise<T>): Promise<T> {
  const db = await getDb();
  const pending: LiveEvent[] = [];
  const contested = new Set<string>();
  const notified: Written[] = [];
  const result = await db.transaction((tx) => {
    notifiedIn.set(tx, notified);
    return work(tx, async (postId, type, data) => {
      const { event, contest } = await appendEvent(tx, postId, type, data);
      pending.push(event);
      if (contest) contested.add(postId);
      notified.push(...(await notifyOfEvent(tx, event)));
      return event;
    });
  });
  publishEvents(pending, contested);
  if (notified.length > 0) deliverNotifications(notified);
  return result;
}
