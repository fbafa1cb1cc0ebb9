import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; html: string; raw: ParsedMail };

export type LocalSmtp = {
  /** smtp://user:pass@127.0.0.1:port — put it in SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** The first message (already received or arriving within the timeout) addressed to `to`. */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

/**
 * A real SMTP server on a free port of 127.0.0.1 that accepts every message (plain SMTP, any credentials) and
 * keeps it parsed, so tests read what a member's mailbox would.
 */
export async function startSmtpServer(): Promise<LocalSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "test" }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            raw: parsed,
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  const find = (to: string) => messages.find((m) => m.to.includes(to.toLowerCase()));
  const waitFor = (to: string, timeoutMs = 5000) =>
    new Promise<ReceivedMail>((resolve, reject) => {
      const check = () => {
        const found = find(to);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${messages.length})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `smtp://test:test@127.0.0.1:${port}`,
    messages,
    waitFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
