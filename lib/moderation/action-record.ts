import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { posts, type ModerationNote } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { Conflict } from "@/lib/errors";
import type { ContentTarget, ModeratedType } from "./content-target";
import { recordModeration } from "./log";

/**
 * What every moderator action on a post, scenario or reply writes besides its own change (applyModeration, merge
 * and unmerge): the version check, the log row, the target's moderation note, and the post's count of visible
 * scenarios when a scenario leaves or rejoins them.
 */

/** The target's moderation version the moderator loaded (`moderation.version`, 0 before any action). */
export const ModerationVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();

/** One moderation-log row as the API shows it. */
export type ModerationEntryView = {
  id: string;
  actor: { id: string; handle: string } | null;
  action: "hide" | "restore" | "lock" | "unlock" | "pin" | "unpin" | "merge" | "unmerge";
  targetType: ModeratedType;
  targetId: string;
  reason: string;
  at: string;
  change: Record<string, unknown>;
};

const pastTense: Record<ModerationEntryView["action"], string> = {
  hide: "hid",
  restore: "restored",
  lock: "locked",
  unlock: "unlocked",
  pin: "pinned",
  unpin: "unpinned",
  merge: "merged",
  unmerge: "unmerged",
};

type Versioned = Pick<ContentTarget, "targetType" | "moderation">;

/** The 409 of a stale action: who did what to the target since the version the moderator loaded. */
function staleConflict(target: Versioned, loaded: number): Conflict {
  const note = target.moderation;
  if (!note) {
    const never = new Conflict(`No moderator has acted on this ${target.targetType} yet: it is at version 0, not ${loaded}. Look again before acting.`);
    return Object.assign(never, { details: [{ path: "version", message: `you sent version ${loaded}; it is at version 0` }] });
  }
  const who = note.by ? `@${note.by.handle}` : "The forum (auto-hide)";
  const done = pastTense[note.action as ModerationEntryView["action"]] ?? note.action;
  const conflict = new Conflict(`This ${target.targetType} changed since you loaded it: ${who} ${done} it at ${note.at} (“${note.reason}”). Look again before acting.`);
  return Object.assign(conflict, { details: [{ path: "version", message: `you loaded version ${loaded}; it is at version ${note.version}` }] });
}

/** The version an action moves the target to; a `loaded` version other than its current one is a 409 naming who acted since. */
export function nextVersion(target: Versioned, loaded: number | undefined): number {
  const current = target.moderation?.version ?? 0;
  if (loaded !== undefined && loaded !== current) throw staleConflict(target, loaded);
  return current + 1;
}

type Action = { targetType: ModeratedType; targetId: string; action: ModerationEntryView["action"]; reason: string; change: Record<string, unknown> & { version: number } };

/**
 * Writes an action's log row (which notifies whom it concerns) and returns the moderation note the target keeps
 * (the caller writes it with its change) and the entry as the API shows it. A null actor is the forum itself.
 */
export async function recordAction(tx: Transaction, actor: Actor | null, input: Action): Promise<{ note: ModerationNote; entry: ModerationEntryView }> {
  const { targetType, targetId, action, reason, change } = input;
  const logged = await recordModeration(tx, { actorId: actor?.id ?? null, action, targetType, targetId, reason, details: change });
  const by = actor ? { id: actor.id, handle: actor.handle } : null;
  const note: ModerationNote = { action, reason, at: logged.createdAt.toISOString(), by, version: change.version };
  return { note, entry: { id: logged.id, actor: by, action, targetType, targetId, reason, at: note.at, change } };
}

/** Moves a post's count of visible scenarios by `step` (a scenario hidden, restored, merged or unmerged); the new count. */
export async function stepScenarioCount(tx: Transaction, postId: string, step: number): Promise<number> {
  const [row] = await tx
    .update(posts)
    .set({ scenarioCount: sql`${posts.scenarioCount} + ${step}` })
    .where(eq(posts.id, postId))
    .returning({ scenarioCount: posts.scenarioCount });
  return row!.scenarioCount;
}
