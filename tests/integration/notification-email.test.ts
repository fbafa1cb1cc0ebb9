import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifications, scenarios, users, type Post } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { ValidationFailed } from "@/lib/errors";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { sendDueDigests, sendPendingEmails } from "@/lib/notify/email";
import { followTarget } from "@/lib/notify/follows";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notify/preferences";
import { unsubscribe } from "@/lib/notify/unsubscribe";
import { createActor } from "../support/actors";
import { startApiServer, type ApiServer } from "../support/api-server";
import { addPost } from "../support/forum";
import { api } from "../support/http";
import { startSmtpServer } from "../support/smtp";

// Before anything reads the environment (lib/env caches it per test file).
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.MAIL_FROM = "Mizan <mizan@example.test>";
process.env.PUBLIC_URL = "https://mizan.example";
process.env.AUTH_SECRET ??= "a test secret that is long enough to sign with";

type Member = Context & { actor: Actor };
let server: ApiServer;
let post: Post;
beforeAll(async () => {
  server = await startApiServer();
  post = await addPost();
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

async function emailOf(member: Member): Promise<string> {
  const [row] = await (await getDb()).select({ email: users.email }).from(users).where(eq(users.id, member.actor.id));
  return row!.email;
}
const mailTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe("notification email", () => {
  it("emails a reply once to a member who asked, in their language, with a signed one-click unsubscribe that works", async () => {
    const author = await createActor();
    const replier = await createActor();
    expect((await updateNotificationPreferences(author, { emailReplies: true, emailLocale: "en" })).mailConfigured).toBe(true);
    const scenario = await createScenario(author, { postId: post.id, title: "Ceasefire by spring", body: "Body" });
    const reply = await createReply(replier, { scenarioId: scenario.id, body: "Not before the elections." });
    expect(await sendPendingEmails()).toBe(1);
    const address = await emailOf(author);
    const mail = await smtp.waitFor(address);
    expect(mail.subject).toBe(`${replier.actor.name} replied to you in “Ceasefire by spring”`);
    expect(mail.text).toContain(`https://mizan.example/p/${encodeURIComponent(post.slug)}/s/${scenario.id}?reply=${reply.id}#reply-${reply.id}`);
    const header = (name: string) => mail.raw.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "");
    const oneClick = header("list-unsubscribe")!;
    expect(oneClick).toMatch(/^<https:\/\/mizan\.example\/api\/v1\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    // Nothing twice: another pass sends nothing, and a second reply grows the unread row without a second email.
    expect(await sendPendingEmails()).toBe(0);
    await createReply(replier, { scenarioId: scenario.id, body: "And not after them either." });
    expect(await sendPendingEmails()).toBe(0);
    expect(mailTo(address)).toHaveLength(1);

    // A forged or altered token is refused; the real one, posted as a mail client's one-click would, turns it off.
    const token = /token=([\w.-]+)/.exec(oneClick)![1]!;
    await expect(unsubscribe({ token: token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA") })).rejects.toBeInstanceOf(ValidationFailed);
    const client = api(server.url);
    const bad = await client.post(`/api/v1/unsubscribe?token=${encodeURIComponent("x.y")}`);
    expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);
    const posted = await client.post(`/api/v1/unsubscribe?token=${token}`, "List-Unsubscribe=One-Click", { headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([posted.status, posted.body]).toEqual([200, { unsubscribed: "replies" }]);
    expect((await getNotificationPreferences(author)).emailReplies).toBe(false);

    // Turned off: the next reply is not emailed.
    await createReply(await createActor(), { scenarioId: scenario.id, body: "A third voice." });
    expect(await sendPendingEmails()).toBe(0);
    expect(mailTo(address)).toHaveLength(1);
  });

  it("does not email what a member cannot see any more", async () => {
    const author = await createActor();
    await updateNotificationPreferences(author, { emailReplies: true });
    const scenario = await createScenario(author, { postId: post.id, title: "Talks collapse", body: "Body" });
    await createReply(await createActor(), { scenarioId: scenario.id, body: "It will be hidden before the email goes." });
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, scenario.id));
    expect(await sendPendingEmails()).toBe(0);
    const [row] = await (await getDb()).select({ status: notifications.emailStatus }).from(notifications).where(eq(notifications.userId, author.actor.id));
    expect(row!.status).toBe("skipped");
  });

  it("sends a daily digest of what a member follows, once a day", async () => {
    const reader = await createActor();
    await updateNotificationPreferences(reader, { emailDigest: true, emailLocale: "ar" });
    const followed = await addPost();
    await followTarget(reader, { targetType: "post", targetId: followed.id });
    await createScenario(await createActor(), { postId: followed.id, title: "انتخابات مبكرة", body: "Body" });
    expect(await sendDueDigests()).toBe(1);
    const mail = await smtp.waitFor(await emailOf(reader));
    expect(mail.subject).toBe("تنبيه جديد واحد في ميزان");
    expect(mail.text).toContain(`https://mizan.example/p/${encodeURIComponent(followed.slug)}/s/`);
    expect(mail.text).toMatch(/https:\/\/mizan\.example\/unsubscribe\?token=[\w-]+\.[\w-]+/);
    expect(mail.html).toContain('dir="rtl"');
    expect(await sendDueDigests()).toBe(0);
  });
});
