import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { startSmtpServer, type LocalSmtp } from "../support/smtp";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const password = "a very good password";

// Issue 16 finding 7 on the production build: a listed address is admin only after its mailed link is followed;
// and Markdown written through the real server is rendered on its render threads.
describe.skipIf(!hasBrowser)("admin by verified address, on the real server", () => {
  let smtp: LocalSmtp;
  let server: RunningServer;
  let browser: Browser;
  let client: ReturnType<typeof api>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url, MIZAN_ADMIN_EMAILS: "boss@example.test" } }), launchBrowser()]);
    client = api(server.url + "/api/v1");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it("signs a listed address up as a member; following the mailed link in the browser makes it admin", async () => {
    const created = await client.post("/accounts", { email: "boss@example.test", password, name: "المديرة" });
    expect(created.body.user.role).toBe("member");
    const token = (await client.post("/tokens", { email: "boss@example.test", password })).body.token as string;
    expect((await client.get("/me", { token })).body.user.role).toBe("member");

    const mail = await smtp.waitFor("boss@example.test");
    const link = new URL(/http\S+\/verify-email\?token=[\w.-]+/.exec(mail.text)![0]);
    for (const [locale, viewport, admin] of [["ar", "mobile", "صرت مديرًا"], ["en", "desktop", "you are now an admin"]] as const) {
      const page = await openPage(browser, locale, viewport);
      await page.goto(server.url + link.pathname + link.search);
      await expect.poll(() => page.locator("main").innerText()).toContain(admin);
      await expectAccessible(page);
      await screenshot(page, `verify-email-${locale}-${viewport}`);
      await page.context().close();
    }
    expect((await client.get("/me", { token })).body.user.role).toBe("admin");

    const refused = await openPage(browser, "en");
    await refused.goto(`${server.url}/verify-email?token=${link.searchParams.get("token")!.slice(0, -3)}xyz`);
    await expect.poll(() => refused.locator("main").innerText()).toContain("not valid or has expired");
    await refused.context().close();
  });

  it("renders a reply's Markdown on the render threads of the built server", async () => {
    await client.post("/accounts", { email: "writer@example.test", password, name: "Writer" });
    const token = (await client.post("/tokens", { email: "writer@example.test", password })).body.token as string;
    const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
    const scenario = await client.post(`/posts/${postId}/scenarios`, { title: "A long truce", body: "Fronts **freeze**." }, { token });
    expect(scenario.status).toBe(201);
    expect(scenario.body.scenario.html).toBe("<p>Fronts <strong>freeze</strong>.</p>");
    const reply = await client.post(`/scenarios/${scenario.body.scenario.id}/replies`, { body: "- one\n- *two*", stance: "neutral" }, { token });
    expect(reply.status).toBe(201);
    expect(reply.body.reply.html).toBe("<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>");
    expect(server.logs()).not.toMatch(/render-worker|ERR_MODULE_NOT_FOUND/);
  });
});
