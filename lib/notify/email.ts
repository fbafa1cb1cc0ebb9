import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { notifications, users, type Locale } from "@/db/schema";
import { env } from "@/lib/env";
import { translatorIn } from "@/lib/i18n/translator";
import { logger } from "@/lib/logger";
import { sendMail, type MailMessage } from "@/lib/mail/send-mail";
import { notificationViews, unreadSince, type NotificationView } from "./notifications";
import { unsubscribeToken, type EmailKind } from "./unsubscribe";
import { dirOf } from "@/lib/forum/post-view";
import { escapeHtml } from "@/lib/text/markdown";
import { siteUrl } from "@/lib/site-url";

/**
 * Email for notifications, when SMTP_URL is set. A reply or mention to a member who asked for it is marked
 * `pending` in the transaction that writes the notification (lib/notify/fan-out.ts); this sender, on every node,
 * claims due rows by moving their `email_next_at` forward (FOR UPDATE SKIP LOCKED, so two nodes never take the
 * same row) and sends each. A daily digest is claimed the same way, by moving the member's `digest_sent_at`.
 */

const maxAttempts = 5;
const batch = 20;

type Recipient = { id: string; email: string; locale: Locale };

/** One message to a member, with its signed one-click unsubscribe link (in the text and as RFC 8058 headers). */
function composeMessage(to: Recipient, kind: EmailKind, subject: string, lines: NotificationView[]): MailMessage {
  const t = translatorIn(to.locale, "notificationEmail");
  const site = siteUrl();
  const token = unsubscribeToken(to.id, kind);
  // The link opens a page that unsubscribes on arrival; mail clients' one-click button POSTs to the API.
  const unsubscribeUrl = `${site}/unsubscribe?token=${token}`;
  const dir = dirOf(to.locale);
  return {
    to: to.email,
    subject,
    text: [...lines.map((n) => `${n.text}\n${site}${n.url}`), `${t(kind === "digest" ? "whyDigest" : "whyReplies")}\n${t("unsubscribe")}: ${unsubscribeUrl}`].join("\n\n"),
    html: `<div lang="${to.locale}" dir="${dir}">${lines.map((n) => `<p><a href="${escapeHtml(site + n.url)}">${escapeHtml(n.text)}</a></p>`).join("")}<hr><p style="color:#666">${escapeHtml(t(kind === "digest" ? "whyDigest" : "whyReplies"))} <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("unsubscribe"))}</a></p></div>`,
    headers: { "List-Unsubscribe": `<${site}/api/v1/unsubscribe?token=${token}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}


/** Sends the reply and mention emails that are due. → how many were sent. */
export async function sendPendingEmails(): Promise<number> {
  const db = await getDb();
  const claimed = rowsOf<{ id: string; user_id: string; attempts: number; email: string; locale: Locale; wanted: boolean }>(
    await db.execute(sql`
      with due as (
        select id from notifications where email_status = 'pending' and email_next_at <= now()
        order by email_next_at limit ${batch} for update skip locked
      )
      update notifications n set email_attempts = n.email_attempts + 1, email_next_at = now() + interval '10 minutes'
      from due, users u where n.id = due.id and u.id = n.user_id
      returning n.id, n.user_id, n.email_attempts as attempts, u.email, u.email_locale as locale, u.email_replies as wanted`),
  );
  let sent = 0;
  for (const row of claimed) {
    const settle = (status: "sent" | "skipped" | "failed" | "pending", retryInMs = 0) =>
      db
        .update(notifications)
        .set({ emailStatus: status, emailNextAt: status === "pending" ? new Date(Date.now() + retryInMs) : null })
        .where(and(eq(notifications.id, row.id), eq(notifications.emailStatus, "pending")));
    // Turned off since, or about content hidden since: nothing to send.
    const [view] = row.wanted ? await notificationViews(row.user_id, [row.id], row.locale) : [];
    if (!view) {
      await settle("skipped");
      continue;
    }
    const outcome = await sendMail(composeMessage({ id: row.user_id, email: row.email, locale: row.locale }, "replies", view.text, [view]));
    if (outcome.status === "sent") sent += 1;
    if (outcome.status === "sent") await settle("sent");
    else if (outcome.status === "not_configured") await settle("skipped");
    else await settle(row.attempts >= maxAttempts ? "failed" : "pending", 60_000 * 2 ** row.attempts);
  }
  return sent;
}

/** Sends the daily digests that are due (a day after the last, of what moved since). → how many were sent. */
export async function sendDueDigests(): Promise<number> {
  const db = await getDb();
  const claimed = rowsOf<{ id: string; email: string; locale: Locale; since: Date | string | null }>(
    await db.execute(sql`
      with due as (
        select id, digest_sent_at from users
        where email_digest and (digest_sent_at is null or digest_sent_at <= now() - interval '1 day')
        order by id limit ${batch} for update skip locked
      )
      update users u set digest_sent_at = now() from due where u.id = due.id
      returning u.id, u.email, u.email_locale as locale, due.digest_sent_at as since`),
  );
  let sent = 0;
  for (const member of claimed) {
    const since = member.since ? new Date(member.since) : new Date(Date.now() - 86_400_000);
    const lines = await unreadSince(member.id, since, member.locale);
    if (lines.length === 0) continue;
    const t = translatorIn(member.locale, "notificationEmail");
    const outcome = await sendMail(composeMessage(member, "digest", t("digestSubject", { count: lines.length }), lines));
    if (outcome.status === "sent") sent += 1;
    // A failed digest is tried again at the next minute's claim: give the day back.
    else await db.update(users).set({ digestSentAt: member.since ? new Date(member.since) : null }).where(eq(users.id, member.id));
  }
  return sent;
}

/** Runs the reply sender every few seconds and the digest sender every minute on this node while SMTP_URL is set. */
export function startEmailSender(everyMs = 5000): () => void {
  if (!env().SMTP_URL) return () => {};
  let running = false;
  let tick = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const digests = tick++ % Math.max(1, Math.round(60_000 / everyMs)) === 0;
    Promise.all([sendPendingEmails(), digests ? sendDueDigests() : 0])
      .catch((error: unknown) => logger.error({ err: error }, "notification email failed"))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
