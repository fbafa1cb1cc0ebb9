import { eq } from "drizzle-orm";
import { posts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { transactWithEvents } from "@/lib/live/outbox";
import { recordModeration } from "./log";

/** The post settings a moderator sets with a reason, as stored. */
type Controls = { contestUntil: Date | null; slowModeSeconds: number };

type Control<K extends keyof Controls, A extends string, V> = {
  key: K;
  /** The moderation-log action that records a change. */
  action: A;
  /** The setting as views, events and the log show it (contest mode reads as off once its time has passed). */
  shown: (stored: Controls[K]) => V;
};

export type PostControlResult<K extends keyof Controls, A extends string, V> = {
  post: { id: string } & { [P in K]: V };
  /** The log row this change wrote; null when the setting already stood so (nothing written). */
  entry: { id: string; action: A; targetType: "post"; targetId: string; reason: string; at: string; change: { from: V; to: V } } | null;
};

/**
 * Sets one of a post's moderated settings (slow mode, contest mode) to `to`: the post's row, one moderation-log
 * row and a `post.updated` event in one transaction. Idempotent: the setting already in force writes nothing.
 * The caller has authorized the actor and parsed the input.
 */
export async function setPostControl<K extends keyof Controls, A extends string, V extends string | number | null>(
  actor: Actor,
  control: Control<K, A, V>,
  input: { postId: string; reason: string; to: Controls[K] },
): Promise<PostControlResult<K, A, V>> {
  const { key, action, shown } = control;
  const { postId, reason, to } = input;
  return transactWithEvents(async (tx, emit) => {
    const [post] = await tx.select({ contestUntil: posts.contestUntil, slowModeSeconds: posts.slowModeSeconds }).from(posts).where(eq(posts.id, postId)).for("update");
    if (!post) throw new NotFound("The post");
    const change = { from: shown(post[key]), to: shown(to) };
    const view = { id: postId, [key]: change.to } as PostControlResult<K, A, V>["post"];
    if (change.from === change.to) return { post: view, entry: null };
    const set: Partial<Controls> = { [key]: to };
    await tx.update(posts).set({ ...set, updatedAt: new Date() }).where(eq(posts.id, postId));
    const row = await recordModeration(tx, { actorId: actor.id, action, targetType: "post", targetId: postId, reason, details: change });
    await emit(postId, "post.updated", { post: view });
    return { post: view, entry: { id: row.id, action, targetType: "post", targetId: postId, reason, at: row.createdAt.toISOString(), change } };
  });
}
