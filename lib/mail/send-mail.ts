import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { logger } from "../logger";

/** One message to one address. `text` is required so every mail reads without HTML; `headers` adds to the envelope's (List-Unsubscribe). */
export type MailMessage = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

/**
 * What became of a message. `not_configured` (no SMTP_URL) is an ordinary outcome, not an error: callers decide
 * whether the feature that needed mail degrades (admin bootstrap, notifications) or tells the member.
 */
export type MailOutcome =
  | { status: "sent"; messageId: string }
  | { status: "not_configured" }
  | { status: "failed"; error: string };

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    // Short timeouts: a sign-up must not hang for nodemailer's default two minutes on a dead relay.
    const transporter = nodemailer.createTransport(url, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transport = { url, transporter };
  }
  return transport.transporter;
}

/** Whether SMTP_URL is set, so features can say up front that they need mail. */
export function isMailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

/** Sends through SMTP_URL from MAIL_FROM. Never throws: a relay error is logged and returned as `failed`. */
export async function sendMail(message: MailMessage): Promise<MailOutcome> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return { status: "not_configured" };
  try {
    const info = await transporterFor(SMTP_URL).sendMail({ from: MAIL_FROM, ...message });
    return { status: "sent", messageId: String(info.messageId) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    logger.warn({ err: text, subject: message.subject }, "mail not sent");
    return { status: "failed", error: text };
  }
}
