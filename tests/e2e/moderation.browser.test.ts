import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const password = "a very good password";
const moderatorEmail = "moderator@example.test";

describe.skipIf(!hasBrowser)("moderation between two browsers", () => {
  let server: RunningServer;
  let browser: Browser;
  let postId: string;
  let scenarioId: string;
  let pinnedId: string;
  let replyId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MIZAN_ADMIN_EMAILS: moderatorEmail, MIZAN_RATE_LIMITS: "off" } }), launchBrowser()]);
    const client = api(server.url + "/api/v1");
    postId = (await client.get(`/posts/${slug}`)).body.post.id;
    for (const email of ["author@example.test", moderatorEmail]) await client.post("/accounts", { email, password, name: email.split("@")[0] });
    const token = (await client.post("/tokens", { email: "author@example.test", password })).body.token;
    const propose = (title: string) => client.post(`/posts/${postId}/scenarios`, { title, body: `${title}, argued.` }, { token });
    // Created first, so newer scenarios rank above it until it is pinned (ties fall to the newer one).
    pinnedId = (await propose("A scenario to read first")).body.scenario.id;
    scenarioId = (await propose("A scenario under debate")).body.scenario.id;
    replyId = (await client.post(`/scenarios/${scenarioId}/replies`, { body: "An insult that must go" }, { token })).body.reply.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(server.url + "/signin");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  }

  /** Opens a Moderate menu with the keyboard, picks the action and confirms it with a reason. */
  async function act(page: Page, menu: ReturnType<Page["locator"]>, action: string, reason: string) {
    await menu.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: action, exact: true }).click();
    await page.getByLabel(/The reason goes into the moderation log/).fill(reason);
    await page.getByRole("button", { name: `${action} with this reason` }).click();
    await page.getByRole("button", { name: `${action} with this reason` }).waitFor({ state: "detached" });
  }

  const liveState = (page: Page) => page.locator("[data-live-status]").getAttribute("data-live-status");

  it("follows the moderator's hide, lock and pin on the reader's open pages without a reload", async () => {
    const reader = await openPage(browser, "en");
    await reader.goto(server.url + `/p/${slug}/s/${scenarioId}`);
    await expect.poll(() => liveState(reader), { timeout: 15_000 }).toBe("live");
    await reader.getByText("An insult that must go").waitFor();
    // The reader's page must never navigate: the same document follows every change.
    await reader.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));

    const moderator = await openPage(browser, "en");
    await signIn(moderator, moderatorEmail);
    await moderator.goto(server.url + `/p/${slug}/s/${scenarioId}`);

    // Hide the reply: it leaves the reader's page at once.
    await act(moderator, moderator.locator(`#reply-${replyId} [data-moderation-menu=reply]`), "Hide", "Abuse of another member");
    await expect.poll(() => reader.getByText("An insult that must go").count(), { timeout: 10_000 }).toBe(0);
    await reader.locator(`#reply-${replyId} [data-reply-removed]`).waitFor();
    // The moderator still sees it, marked, with why.
    await expect.poll(() => moderator.locator(`#reply-${replyId} [data-hidden-notice]`).textContent(), { timeout: 10_000 }).toContain("Abuse of another member");

    // Lock the scenario: the reader's composer area gives way to the lock notice.
    await act(moderator, moderator.locator("[data-moderation-menu=scenario]").first(), "Lock", "Cooling off");
    await reader.locator("[data-scenario-locked-notice]").waitFor({ timeout: 10_000 });
    expect(await reader.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);

    // On the post page: lock the post, then pin a scenario; the reader's page shows the lock and moves the pin first.
    await Promise.all([reader.goto(server.url + `/p/${slug}`), moderator.goto(server.url + `/p/${slug}`)]);
    await expect.poll(() => liveState(reader), { timeout: 15_000 }).toBe("live");
    await reader.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));
    const locked = reader.getByText("This article is closed to new contributions.");
    expect(await locked.count()).toBe(0);
    await act(moderator, moderator.locator("[data-moderation-menu=post]"), "Lock", "Cooling off for a day");
    await expect.poll(() => locked.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const firstCard = () => reader.locator("#scenarios article h3").first().textContent();
    expect(await firstCard()).not.toBe("A scenario to read first");
    await act(moderator, moderator.locator(`article:has(#scenario-${pinnedId}) [data-moderation-menu=scenario]`), "Pin", "Read this one first");
    await expect.poll(firstCard, { timeout: 10_000 }).toBe("A scenario to read first");
    expect(await reader.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
    await screenshot(reader, "moderation-reader-en-desktop");
    await expectAccessible(reader);
    await expectAccessible(moderator);
  }, 240_000);
});
