import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSlug } from "@/db/seed/seed-article";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const adminEmail = "curator@e2e.test";
const password = "a very good password";

async function signUp(page: Page, server: RunningServer, name: string, email: string) {
  await page.goto(server.url + "/signup");
  await page.getByLabel("Display name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.waitForURL("**/u/**");
}

describe.skipIf(!hasBrowser)("the review queue in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let client: ReturnType<typeof api>;
  const scenarioIds: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MIZAN_ADMIN_EMAILS: adminEmail } }), launchBrowser()]);
    client = api(server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a moderator the flagged text with its reasons, moves the header count live, and decides with a reason", async () => {
    const moderator = await openPage(browser, "en");
    await signUp(moderator, server, "Curator", adminEmail);
    // Two scenarios on the seed post by an author, for a member to flag.
    const authorEmail = "author@e2e.test";
    expect((await client.post("/api/v1/accounts", { email: authorEmail, password, name: "Author" })).status).toBe(201);
    const authorToken = (await client.post("/api/v1/tokens", { email: authorEmail, password })).body.token as string;
    const post = (await client.get(`/api/v1/posts/${seedSlug}`)).body.post;
    for (const title of ["Talks resume in spring", "A frozen front"]) {
      const made = await client.post(`/api/v1/posts/${post.id}/scenarios`, { title, body: `${title}, because both sides are tired.`, x: 40, y: 60 }, { token: authorToken });
      expect(made.status).toBe(201);
      scenarioIds.push(made.body.scenario.id);
    }
    const memberEmail = "flagger@e2e.test";
    expect((await client.post("/api/v1/accounts", { email: memberEmail, password, name: "Flagger" })).status).toBe(201);
    const token = (await client.post("/api/v1/tokens", { email: memberEmail, password })).body.token as string;
    const flag = (scenarioId: string, note: string) => client.post("/api/v1/flags", { targetType: "scenario", targetId: scenarioId, reason: "other", note }, { token });
    expect((await flag(scenarioIds[0]!, "Copied from elsewhere")).status).toBe(201);

    await moderator.goto(server.url + "/mod");
    const count = moderator.locator("[data-queue-count]");
    expect(await count.getAttribute("data-queue-count")).toBe("1");
    const item = moderator.locator(`[data-queue-item="${scenarioIds[0]}"]`);
    await item.getByText("Copied from elsewhere").waitFor();
    expect(await item.getByText("@flagger", { exact: false }).count()).toBe(1);
    await expectAccessible(moderator);
    await screenshot(moderator, "mod-queue-en");

    // A second flag arrives while the page is open: the header count follows without a reload.
    expect((await flag(scenarioIds[1]!, "Off the question")).status).toBe(201);
    await expect.poll(() => count.getAttribute("data-queue-count"), { timeout: 10_000 }).toBe("2");

    await item.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => item.getByRole("textbox").evaluate((box) => (box as HTMLTextAreaElement).validity.valid)).toBe(false);
    await item.getByLabel("Reason for your decision").fill("Not a copy: the author wrote it");
    await item.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => count.getAttribute("data-queue-count"), { timeout: 10_000 }).toBe("1");
    await moderator.goto(server.url + "/mod");
    expect(await moderator.locator(`[data-queue-item="${scenarioIds[0]}"]`).count()).toBe(0);

    await moderator.goto(server.url + "/mod/log?action=queue.dismiss");
    await moderator.getByRole("cell", { name: "Not a copy: the author wrote it" }).waitFor();
    await expectAccessible(moderator);
    await moderator.context().close();
  });

  it("is in Arabic, right to left, at phone width", async () => {
    const page = await openPage(browser, "ar", "mobile");
    await page.goto(server.url + "/signin");
    await page.getByLabel("البريد الإلكتروني", { exact: true }).fill(adminEmail);
    await page.getByLabel("كلمة المرور", { exact: true }).fill(password);
    await page.getByRole("button", { name: "دخول", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto(server.url + "/mod");
    expect(await page.locator("h1").textContent()).toBe("طابور المراجعة");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "mod-queue-ar-mobile");
    await page.goto(server.url + "/mod/log");
    expect(await page.locator("h1").textContent()).toBe("سجل الإشراف");
    await expectAccessible(page);
    await page.context().close();
  });

  it("is not there for members and readers", async () => {
    const member = await openPage(browser, "en");
    await signUp(member, server, "Plain", "plain@e2e.test");
    for (const path of ["/mod", "/mod/log"]) {
      const response = await member.goto(server.url + path);
      expect(response?.status()).toBe(404);
    }
    expect(await member.locator("[data-queue-count]").count()).toBe(0);
    await member.context().close();
    const reader = await openPage(browser, "en");
    await reader.goto(server.url + "/mod");
    expect(new URL(reader.url()).pathname).toBe("/signin");
    await reader.context().close();
  });
});
