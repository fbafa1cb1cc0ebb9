import { asc, count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { events, posts, type Event, type Post } from "@/db/schema";
import { markdownToHtml } from "@/lib/text/markdown";

let serial = 0;

/** Inserts a fresh post straight into the database, so each test has its own counters and outbox. */
export async function addPost(overrides: Partial<typeof posts.$inferInsert> = {}): Promise<Post> {
  serial += 1;
  const db = await getDb();
  const label = { ar: "س", en: "X" };
  const [post] = await db
    .insert(posts)
    .values({
      slug: `debate-${serial}-${Math.random().toString(36).slice(2, 8)}`,
      lang: "en",
      title: `Debate ${serial}`,
      body: "Body",
      html: markdownToHtml("Body"),
      question: "What happens next?",
      axes: { x: { label, low: label, high: label }, y: { label, low: label, high: label } },
      ...overrides,
    })
    .returning();
  return post!;
}

/** The post as stored now. */
export async function readPost(postId: string): Promise<Post> {
  const [post] = await (await getDb()).select().from(posts).where(eq(posts.id, postId));
  return post!;
}

export async function setPost(postId: string, changes: Partial<Pick<Post, "isLocked" | "status">>): Promise<void> {
  await (await getDb()).update(posts).set(changes).where(eq(posts.id, postId));
}

/** How many rows a table holds, optionally filtered. */
export async function countRows(table: PgTable, where?: SQL): Promise<number> {
  const [row] = await (await getDb()).select({ n: count() }).from(table).where(where);
  return row!.n;
}

/** A post's outbox, in seq order. */
export async function postEvents(postId: string): Promise<Event[]> {
  return (await getDb()).select().from(events).where(eq(events.postId, postId)).orderBy(asc(events.seq));
}

/**
 * What a call came to: "ok", or the class name of what it threw ("ValidationFailed", "Conflict", …). Lets a test
 * compare outcomes of many calls at once, and turns an unexpected database error into a readable mismatch.
 */
export async function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "ok",
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );
}

/** A small seeded PRNG (mulberry32), so "random" concurrency scenarios can be replayed from their seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts `count` calls one millisecond apart and waits for all of them, each settled as its value or the name of
 * what it threw. Spread over a first call's lifetime, some later call lands on every step of it (before, during,
 * just after its commit), which a single Promise.all burst rarely does.
 */
export async function staggered<T>(count: number, start: (i: number) => Promise<T>, stepMs = 1): Promise<(T | string)[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * stepMs)).then(() =>
        start(i).catch((error: unknown) => (error instanceof Error ? error.name : String(error))),
      ),
    ),
  );
}
