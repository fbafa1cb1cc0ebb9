import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput, type Unparsed } from "@/lib/validation";

export type NotificationPreferences = { autoFollow: boolean };

const preferenceColumns = { autoFollow: users.autoFollow };

export const UpdatePreferencesInput = z.object({ autoFollow: z.boolean().optional() }).strict();
export type UpdatePreferencesInput = Unparsed<typeof UpdatePreferencesInput>;

/** The member's own notification settings. Signed-in members. */
export async function getNotificationPreferences(ctx: Context): Promise<NotificationPreferences> {
  const actor = assertCan(ctx.actor, { action: "notification.read" });
  const [row] = await (await getDb()).select(preferenceColumns).from(users).where(eq(users.id, actor.id));
  return row!;
}

/** Changes the member's notification settings (only the ones given). Active members; idempotent. */
export async function updateNotificationPreferences(ctx: Context, input: UpdatePreferencesInput): Promise<NotificationPreferences> {
  const changes = parseInput(UpdatePreferencesInput, input);
  const actor = assertCan(ctx.actor, { action: "profile.update" });
  const db = await getDb();
  if (Object.keys(changes).length === 0) return getNotificationPreferences(ctx);
  const [row] = await db.update(users).set(changes).where(eq(users.id, actor.id)).returning(preferenceColumns);
  return row!;
}
