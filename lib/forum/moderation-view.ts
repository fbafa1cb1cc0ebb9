import type { ModerationNote } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { seesModeration, type Shown } from "@/lib/auth/permissions";

/** The latest moderator action on a piece of content as its viewer may see it (see seesModeration). */
export type ModerationView = Pick<ModerationNote, "action" | "reason" | "at"> & Partial<Pick<ModerationNote, "by" | "version">>;

/** `{moderation}` to spread into a post, scenario or reply view, or nothing when this viewer is not told. */
export function moderationFor(viewer: Actor | null, content: Shown & { moderation: ModerationNote | null }): { moderation?: ModerationView } {
  const note = content.moderation;
  const shown = note ? seesModeration(viewer, content) : null;
  if (!note || !shown) return {};
  return { moderation: shown === "all" ? note : { action: note.action, reason: note.reason, at: note.at } };
}
