import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users, type User } from "@/db/schema";
import { env } from "@/lib/env";
import { Unauthenticated, ValidationFailed } from "@/lib/errors";
import { dirOf } from "@/lib/forum/post-view";
import { translatorIn } from "@/lib/i18n/translator";
import { isMailConfigured, sendMail, type MailOutcome } from "@/lib/mail/send-mail";
import { consumeRateLimit } from "@/lib/rate-limit";
import { readSignedToken, signToken } from "@/lib/security/signed-token";
import { absoluteUrl } from "@/lib/site-url";
import { escapeHtml } from "@/lib/text/markdown";
import { parseInput } from "@/lib/validation";
import type { Context } from "./actor";
import { roleChanged, setRoleIn } from "./role-change";
import { toUserView, type UserView } from "./user-view";

/**
 * Proof that a member holds their address: a signed link mailed at sign-up when SMTP_URL is set. Following it sets
 * `email_verified`, and an address listed in MIZAN_ADMIN_EMAILS becomes admin then, not at sign-up: whoever
 * registers a listed address first gains nothing until they read its mail.
 */

const purpose = "verify-email";
const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** Whether the address is one MIZAN_ADMIN_EMAILS names (addresses are stored lower-cased, as the list is). */
export function listedAdmin(email: string): boolean {
  return env().MIZAN_ADMIN_EMAILS.includes(email);
}

/** The token in a member's verification link: their id and address, valid for a week. */
export function verificationToken(user: Pick<User, "id" | "email">, now = Date.now()): string {
  return signToken(purpose, `${user.id}:${now + linkLifetimeMs}:${user.email}`);
}

function readToken(token: string): { userId: string; email: string } | null {
  const [userId, expires, ...email] = (readSignedToken(purpose, token) ?? "").split(":");
  if (!userId || !(Number(expires) > Date.now()) || email.length === 0) return null;
  return { userId, email: email.join(":") };
}

/** Mails the member their verification link, in Arabic then English; `not_configured` without SMTP_URL. */
export async function sendVerificationLink(user: Pick<User, "id" | "email">): Promise<MailOutcome> {
  if (!isMailConfigured()) return { status: "not_configured" };
  const link = absoluteUrl(`/verify-email?token=${verificationToken(user)}`);
  // Sent before the member has chosen a language for mail: both, Arabic first.
  const texts = (["ar", "en"] as const).map((locale) => {
    const t = translatorIn(locale, "verifyEmail");
    return { locale, subject: t("subject"), lead: t("lead"), ignore: t("ignore") };
  });
  return sendMail({
    to: user.email,
    subject: texts.map((t) => t.subject).join(" · "),
    text: texts.map((t) => `${t.lead}\n${link}\n${t.ignore}`).join("\n\n"),
    html: texts
      .map((t) => `<div lang="${t.locale}" dir="${dirOf(t.locale)}"><p><a href="${escapeHtml(link)}">${escapeHtml(t.lead)}</a></p><p style="color:#666">${escapeHtml(t.ignore)}</p></div>`)
      .join("<hr>"),
  });
}

export const VerifyEmailInput = z.object({ token: z.string().min(1).max(600) });

/**
 * Marks the address a signed link names as verified; on its first verification an address in MIZAN_ADMIN_EMAILS
 * becomes admin (logged as a role change by the system). The signature is the authority: no session needed.
 * Idempotent. → the member as they are now.
 */
export async function verifyEmail(input: { token?: unknown }): Promise<UserView> {
  const { token } = parseInput(VerifyEmailInput, input);
  const read = readToken(token);
  const invalid = new ValidationFailed("This verification link is not valid or has expired.", [{ path: "token", message: "is not a valid signed link" }]);
  if (!read) throw invalid;
  const result = await (await getDb()).transaction(async (tx) => {
    const [found] = await tx.select().from(users).where(and(eq(users.id, read.userId), eq(users.email, read.email))).for("update");
    if (!found || found.emailVerified) return found && { user: found, granted: false };
    const [verified] = await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, found.id)).returning();
    if (!listedAdmin(verified!.email) || verified!.role !== "member") return { user: verified!, granted: false };
    const admin = await setRoleIn(tx, eq(users.id, found.id), "admin", null, "verified address listed in MIZAN_ADMIN_EMAILS");
    return { user: admin, granted: true };
  });
  if (!result) throw invalid;
  if (result.granted) roleChanged(result.user.id);
  return toUserView(result.user);
}

/**
 * Mails the signed-in member a fresh verification link (the first one was lost or has expired). Members whose
 * address is not verified yet, while SMTP_URL is set; 5 an hour. → whether a link was sent.
 */
export async function resendVerificationLink(ctx: Context): Promise<{ sent: boolean }> {
  if (!ctx.actor) throw new Unauthenticated();
  if (!isMailConfigured()) throw new ValidationFailed("This forum cannot send email: SMTP_URL is not configured.");
  await consumeRateLimit("verificationMailByMember", ctx.actor.id);
  const [user] = await (await getDb()).select().from(users).where(eq(users.id, ctx.actor.id));
  if (!user || user.emailVerified) return { sent: false };
  return { sent: (await sendVerificationLink(user)).status === "sent" };
}
