import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { locales, users } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { ValidationFailed } from "@/lib/errors";
import { isMailConfigured } from "@/lib/mail/send-mail";
import { parseInput, type Unparsed } from "@/lib/validation";

export type NotificationPreferences = { autoFollow: boolean; emailReplies: boolean; emailDigest: boolean; emailLocale: "ar" | "en"; mailConfigured: boolean };

const preferenceColumns = { autoFollow: users.autoFollow, emailReplies: users.emailReplies, emailDigest: users.emailDigest, emailLocale: users.emailLocale };

export const UpdatePreferencesInput = z
  .object({ autoFollow: z.boolean().optional(), emailReplies: z.boolean().optional(), emailDigest: z.boolean().optional(), emailLocale: z.enum(locales).optional() })
  .strict();
export type UpdatePreferencesInput = Unparsed<typeof UpdatePreferencesInput>;

/** The member's own notification settings, and whether this forum can send email at all. Signed-in members. */
export async function getNotificationPreferences(ctx: Context): Promise<NotificationPreferences> {
  const actor = assertCan(ctx.actor, { action: "notification.read" });
  const [row] = await (await getDb()).select(preferenceColumns).from(users).where(eq(users.id, actor.id));
  return { ...row!, mailConfigured: isMailConfigured() };
}

/**
 * Changes the member's notification settings (only the ones given). Email can be turned on only when SMTP_URL
 * is set; turning it off always works. Active members; idempotent.
 */
export async function updateNotificationPreferences(ctx: Context, input: UpdatePreferencesInput): Promise<NotificationPreferences> {
  const changes = parseInput(UpdatePreferencesInput, input);
  const actor = assertCan(ctx.actor, { action: "profile.update" });
  if ((changes.emailReplies || changes.emailDigest) && !isMailConfigured()) {
    throw new ValidationFailed("This forum cannot send email: SMTP_URL is not configured.", [{ path: changes.emailReplies ? "emailReplies" : "emailDigest", message: "needs SMTP_URL" }]);
  }
  if (Object.keys(changes).length > 0) await (await getDb()).update(users).set(changes).where(eq(users.id, actor.id));
  return getNotificationPreferences(ctx);
}
