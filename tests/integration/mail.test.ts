import { afterAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { isMailConfigured, sendMail } from "@/lib/mail/send-mail";
import { startSmtpServer } from "../support/smtp";

// Before anything reads the environment (lib/env caches it per test file).
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.MAIL_FROM = "Mizan <mizan@example.test>";
afterAll(() => smtp.stop());

/** Runs `run` against a fresh copy of lib/env and lib/mail read from a changed environment (env() caches). */
async function withEnvironment<T>(
  changes: Record<string, string | undefined>,
  run: (mail: typeof import("@/lib/mail/send-mail")) => Promise<T>,
): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, changes);
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete process.env[key];
  vi.resetModules();
  try {
    return await run(await import("@/lib/mail/send-mail"));
  } finally {
    process.env = saved;
    vi.resetModules();
  }
}

describe("mail transport", () => {
  it("sends through SMTP_URL from MAIL_FROM and the message arrives whole", async () => {
    expect(isMailConfigured()).toBe(true);
    const outcome = await sendMail({ to: "Reader@Example.test", subject: "مرحبا", text: "سطر أول\nhttps://x.test/a" });
    expect(outcome.status).toBe("sent");
    const mail = await smtp.waitFor("reader@example.test");
    expect(mail.from).toBe("mizan@example.test");
    expect(mail.subject).toBe("مرحبا");
    expect(mail.text.trim()).toBe("سطر أول\nhttps://x.test/a");
  });

  it("reads a relay that refuses the connection as a failed outcome, without throwing", async () => {
    const stopped = await startSmtpServer();
    await stopped.stop();
    const outcome = await withEnvironment({ SMTP_URL: stopped.url }, (mail) =>
      mail.sendMail({ to: "a@example.test", subject: "s", text: "t" }),
    );
    expect(outcome.status).toBe("failed");
  });

  it("answers not_configured without SMTP_URL", async () => {
    const outcome = await withEnvironment({ SMTP_URL: undefined }, async (mail) => {
      expect(mail.isMailConfigured()).toBe(false);
      return mail.sendMail({ to: "a@example.test", subject: "s", text: "t" });
    });
    expect(outcome).toEqual({ status: "not_configured" });
  });

  it("rejects an SMTP_URL that is not smtp", () => {
    expect(() => parseEnv({ SMTP_URL: "http://relay.example" })).toThrow(/SMTP_URL/);
  });
});
