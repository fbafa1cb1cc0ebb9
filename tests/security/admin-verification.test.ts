import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog, users } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { assignRoleByEmail, createAccount } from "@/lib/auth/accounts";
import { verificationToken, verifyEmail } from "@/lib/auth/email-verification";
import { ValidationFailed } from "@/lib/errors";
import { unsubscribeToken } from "@/lib/notify/unsubscribe";
import { startApiServer, type ApiServer } from "../support/api-server";
import { api } from "../support/http";
import { startSmtpServer } from "../support/smtp";

// Issue 16 finding 7: whoever first registered an address in MIZAN_ADMIN_EMAILS was admin, with nothing proving
// they owned it. With SMTP_URL set, the address must be verified through the link mailed to it first.
// Before anything reads the environment (lib/env caches it per test file); the setup lists boss@example.test.
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://mizan.example";
process.env.AUTH_SECRET ??= "a test secret that is long enough to sign with";
process.env.MIZAN_ADMIN_EMAILS = "boss@example.test,chief@example.test";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

const roleOf = async (email: string) => (await (await getDb()).select().from(users).where(eq(users.email, email)))[0]!;

/** The verification link in the mail that reached `to`, as a URL. */
async function mailedLink(to: string): Promise<URL> {
  const mail = await smtp.waitFor(to);
  const href = /https:\/\/mizan\.example\/verify-email\?token=[\w.-]+/.exec(mail.text)?.[0];
  expect(href, mail.text).toBeDefined();
  // Arabic first, then English, in one mail.
  expect(mail.text.search(/[\u0600-\u06FF]/)).toBeLessThan(mail.text.search(/Open this link/));
  return new URL(href!);
}

describe("admin bootstrap needs a verified address (finding 7)", () => {
  it("does not make an unverified listed address admin; following the mailed link does, once, in the log", async () => {
    const created = await createAccount({ ...anonymous, ip: "10.7.0.1" }, { email: "Boss@Example.test", password: "a long password", name: "Boss" });
    expect(created.role).toBe("member");
    expect((await roleOf("boss@example.test")).emailVerified).toBeNull();

    const link = await mailedLink("boss@example.test");
    const verified = await verifyEmail({ token: link.searchParams.get("token") });
    expect(verified.role).toBe("admin");
    const row = await roleOf("boss@example.test");
    expect(row.role).toBe("admin");
    expect(row.emailVerified).toBeInstanceOf(Date);
    const log = await (await getDb()).select().from(moderationLog).where(and(eq(moderationLog.targetId, row.id), eq(moderationLog.action, "role.set")));
    expect(log).toMatchObject([{ actorId: null, details: { role: "admin" }, reason: "verified address listed in MIZAN_ADMIN_EMAILS" }]);

    // Demoted by the operator, the member stays demoted when the old link is followed again.
    await assignRoleByEmail("boss@example.test", "member");
    expect((await verifyEmail({ token: link.searchParams.get("token") })).role).toBe("member");
  });

  it("verifies through the API, and an address that is not listed stays a member", async () => {
    const client = api(`${server.url}/api/v1`);
    const listed = await client.post("/accounts", { email: "chief@example.test", password: "a long password", name: "Chief" });
    expect(listed.status).toBe(201);
    expect(listed.body.user.role).toBe("member");
    const plain = await client.post("/accounts", { email: "reader@example.test", password: "a long password", name: "Reader" });
    expect(plain.body.user.role).toBe("member");

    const answer = await client.post(`/email-verification?token=${(await mailedLink("chief@example.test")).searchParams.get("token")}`);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ handle: listed.body.user.handle, role: "admin" });
    const other = await client.post(`/email-verification?token=${(await mailedLink("reader@example.test")).searchParams.get("token")}`);
    expect(other.body.user.role).toBe("member");
    expect((await roleOf("reader@example.test")).emailVerified).toBeInstanceOf(Date);
  });

  it("refuses a forged, tampered, re-purposed or expired token and grants nothing", async () => {
    await createAccount({ ...anonymous, ip: "10.7.0.2" }, { email: "boss2@example.test", password: "a long password", name: "Not boss" });
    const boss2 = await roleOf("boss2@example.test");
    const good = verificationToken(boss2);
    const [payload, signature] = good.split(".");
    // The same signature over another member's address (a listed one), a signature for another purpose, a week gone.
    const forged = `${Buffer.from(`${boss2.id}:${Date.now() + 60_000}:boss@example.test`).toString("base64url")}.${signature}`;
    const tampered = `${payload}.${signature!.slice(0, -2)}AA`;
    const expired = verificationToken(boss2, Date.now() - 8 * 24 * 60 * 60 * 1000);
    for (const token of [forged, tampered, expired, "x", `${payload}`]) {
      await expect(verifyEmail({ token })).rejects.toBeInstanceOf(ValidationFailed);
    }
    await expect(verifyEmail({ token: unsubscribeToken(boss2.id, "replies") })).rejects.toBeInstanceOf(ValidationFailed);
    expect((await roleOf("boss2@example.test")).emailVerified).toBeNull();
    const refused = await api(`${server.url}/api/v1`).post(`/email-verification?token=${tampered}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
  });
});
