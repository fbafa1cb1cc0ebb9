import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSlug } from "@/db/seed/seed-article";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const adminEmail = "curator@e2e.test";
const password = "a very good password";

/**
 * Counts the socket.io WebSockets the page's current document has opened: a navigation starts the count again
 * (a moderator's first visit to a shared page reloads it once to render their own view).
 */
function countLiveSockets(page: Page): () => number {
  let opened = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) opened = 0;
  });
  page.on("websocket", (socket) => {
    if (socket.url().includes("/socket.io/")) opened += 1;
  });
  return () => opened;
}

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

    const liveSockets = countLiveSockets(moderator);
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
    // The bell and the queue count share the tab's one socket.io connection.
    expect(liveSockets()).toBe(1);

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

  it("offers the suspension on a member's profile with their record, and shows contest mode on the post", async () => {
    const adminToken = (await client.post("/api/v1/tokens", { email: adminEmail, password })).body.token as string;
    const author = (await client.get(`/api/v1/scenarios/${scenarioIds[0]}`)).body.scenario.author as { id: string; handle: string };
    const moderator = await openPage(browser, "en");
    await signUp(moderator, server, "Keeper", "keeper@e2e.test");
    const keeper = (await moderator.evaluate(() => fetch("/api/v1/me").then((r) => r.json()))) as { user: { id: string; handle: string } };
    const promoted = await client.put(`/api/v1/admin/users/${keeper.user.id}/role`, { role: "moderator", reason: "Trusted" }, { token: adminToken });
    expect(promoted.status).toBe(200);

    // A moderator on a member's profile: the flag on their scenario, and the control to suspend them.
    await moderator.goto(`${server.url}/u/${author.handle}`);
    const tools = moderator.locator("[data-member-moderation]");
    await tools.getByText("Flags on their content").waitFor();
    expect(await tools.getByText("Copied from elsewhere").count()).toBe(1);
    await tools.getByRole("button", { name: "Apply" }).click();
    await tools.getByText("Give a reason (up to 500 characters).").waitFor();
    await tools.getByLabel("Suspension").selectOption("3");
    await tools.getByLabel("Reason").fill("Copying other people's work");
    await tools.getByRole("button", { name: "Apply" }).click();
    await tools.getByText(/^Suspended until/).waitFor();
    await tools.getByRole("cell", { name: "Copying other people's work" }).waitFor();
    expect(await tools.getByRole("cell", { name: "user.suspend" }).count()).toBe(1);
    await expectAccessible(moderator);
    await screenshot(moderator, "profile-moderation-en");
    const suspended = (await client.get(`/api/v1/mod/log?targetType=user&targetId=${author.id}`, { token: adminToken })).body.entries;
    expect(suspended.map((e: { action: string }) => e.action)).toEqual(["user.suspend"]);
    // Lifted again from the same control.
    await tools.getByLabel("Suspension").selectOption("lift");
    await tools.getByLabel("Reason").fill("Explained themselves");
    await tools.getByRole("button", { name: "Apply" }).click();
    await tools.getByText("Not suspended.").waitFor();
    expect(await tools.getByRole("cell", { name: "user.unsuspend" }).count()).toBe(1);

    // Nobody offers a moderator the suspension of an admin, or of themselves.
    const admin = (await client.get("/api/v1/me", { token: adminToken })).body.user as { handle: string };
    for (const handle of [admin.handle, keeper.user.handle]) {
      await moderator.goto(`${server.url}/u/${handle}`);
      await moderator.locator("[data-member-moderation]").getByText(/^You may not suspend this account/).waitFor();
      expect(await moderator.locator("[data-member-moderation] select").count()).toBe(0);
    }

    // Contest mode from the post page's panel: the notice instead of the sort tabs; scores for moderators only.
    // The bell, the queue count and the live page share the tab's one socket.io connection.
    const liveSockets = countLiveSockets(moderator);
    await moderator.goto(`${server.url}/p/${seedSlug}`);
    await expect.poll(() => moderator.locator("[data-live-status]").getAttribute("data-live-status")).toBe("live");
    await moderator.locator("[data-queue-count]").waitFor();
    expect(liveSockets()).toBe(1);
    const panel = moderator.locator('section[aria-labelledby="contest-mode-heading"]');
    await panel.getByText("Contest mode", { exact: true }).click();
    await panel.getByLabel("Length from now").selectOption("6");
    await panel.getByLabel("Reason").fill("A fresh question");
    await panel.getByRole("button", { name: "Apply" }).click();
    await moderator.locator("[data-contest-notice]").getByText("As a moderator you see the scores; members do not.").waitFor();
    expect(await moderator.getByRole("navigation", { name: "Sort scenarios" }).count()).toBe(0);
    expect(await moderator.locator("[data-score-withheld]").count()).toBe(0);
    await expectAccessible(moderator);
    await screenshot(moderator, "contest-mode-moderator-en");

    const reader = await openPage(browser, "en", "mobile");
    await reader.goto(`${server.url}/p/${seedSlug}`);
    await reader.locator("[data-contest-notice]").getByText(/^Contest mode until/).waitFor();
    expect(await reader.locator("[data-score-withheld]").count()).toBeGreaterThan(1);
    expect(await reader.locator("[data-scenario-votes] [aria-label^='Score ']:not([data-score-withheld])").count()).toBe(0);
    expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(reader);
    await screenshot(reader, "contest-mode-reader-en-mobile");
    await reader.context().close();
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
    // The post in contest mode and a member's record, as an admin reads them in Arabic.
    await page.goto(`${server.url}/p/${seedSlug}`);
    await page.locator("[data-contest-notice]").getByText(/^وضع المسابقة حتى/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "contest-mode-ar-mobile");
    const author = (await client.get(`/api/v1/scenarios/${scenarioIds[0]}`)).body.scenario.author as { handle: string };
    await page.goto(`${server.url}/u/${author.handle}`);
    await page.locator("[data-member-moderation]").getByRole("heading", { name: "سجل الإشراف" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "profile-moderation-ar-mobile");
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
