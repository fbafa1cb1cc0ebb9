import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, screenshotDir } from "./support/browser";

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
  let duplicateId: string;

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
    duplicateId = (await propose("The first scenario said again")).body.scenario.id;
    await client.post(`/scenarios/${duplicateId}/replies`, { body: "A reply that moves with the merge" }, { token });
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

  /** Opens a Moderate menu with the keyboard and picks the action. */
  async function choose(page: Page, menu: ReturnType<Page["locator"]>, action: string) {
    await menu.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: action, exact: true }).click();
  }

  /** Confirms the chosen action with a reason. */
  async function confirm(page: Page, button: string, reason: string) {
    await page.getByLabel(/The reason goes into the moderation log/).fill(reason);
    await page.getByRole("button", { name: button }).click();
    await page.getByRole("button", { name: button }).waitFor({ state: "detached" });
  }

  async function act(page: Page, menu: ReturnType<Page["locator"]>, action: string, reason: string) {
    await choose(page, menu, action);
    await confirm(page, `${action} with this reason`, reason);
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

  it("merges a scenario from its card: the reader's card leaves, the target's count moves, the old link leads there", async () => {
    const reader = await openPage(browser, "en");
    await reader.goto(server.url + `/p/${slug}`);
    await expect.poll(() => liveState(reader), { timeout: 15_000 }).toBe("live");
    await reader.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));
    const replyCount = reader.locator(`[data-reply-count="${pinnedId}"]`);
    expect(await replyCount.textContent()).toBe("No replies");

    const moderator = await openPage(browser, "en");
    await signIn(moderator, moderatorEmail);
    await moderator.goto(server.url + `/p/${slug}`);
    await choose(moderator, moderator.locator(`article:has(#scenario-${duplicateId}) [data-moderation-menu=scenario]`), "Merge into…");
    // The target is chosen with the keyboard too: the list has focus when the form opens.
    await moderator.getByLabel("Merge into which scenario?").selectOption({ label: "A scenario to read first" });
    await moderator.locator("#scenarios").screenshot({ path: path.join(screenshotDir, "moderation-merge-en-desktop.png") });
    await expectAccessible(moderator);
    await confirm(moderator, "Merge with this reason", "Says the same as the first one");

    await expect.poll(() => reader.locator(`#scenario-${duplicateId}`).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => replyCount.textContent(), { timeout: 10_000 }).toBe("1 reply");
    expect(await reader.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
    await reader.goto(server.url + `/p/${slug}/s/${duplicateId}`);
    expect(new URL(reader.url()).pathname).toBe(`/p/${slug}/s/${pinnedId}`);
    await reader.getByText("A reply that moves with the merge").waitFor();

    // The merge form in both languages and widths (the moderator's session in each), axe clean.
    for (const [locale, viewport, action] of [["ar", "mobile", "دمج في…"], ["ar", "desktop", "دمج في…"], ["en", "mobile", "Merge into…"]] as const) {
      const page = await openPage(browser, locale, viewport);
      await page.context().addCookies(await moderator.context().cookies());
      await page.goto(server.url + `/p/${slug}`);
      await choose(page, page.locator(`article:has(#scenario-${pinnedId}) [data-moderation-menu=scenario]`), action);
      await page.locator("[data-merge-into]").waitFor();
      await page.mouse.move(0, 0); // on a phone the form opens under the pointer: axe judges it unhovered
      await page.locator("#scenarios").screenshot({ path: path.join(screenshotDir, `moderation-merge-${locale}-${viewport}.png`) });
      await expectAccessible(page);
      await page.context().close();
    }

    // The moderator still reaches the merged scenario, and undoes the merge: the old link is its own page again.
    await moderator.goto(server.url + `/p/${slug}/s/${duplicateId}`);
    await act(moderator, moderator.locator("[data-moderation-menu=scenario]").first(), "Unmerge", "They differ after all");
    const status = async () => (await api(server.url + "/api/v1").get(`/scenarios/${duplicateId}`)).body.scenario.status;
    // The confirm button's name changes while the request runs, so its leaving does not mean the write is done.
    await expect.poll(status, { timeout: 10_000 }).toBe("visible");
    await reader.goto(server.url + `/p/${slug}/s/${duplicateId}`);
    expect(new URL(reader.url()).pathname).toBe(`/p/${slug}/s/${duplicateId}`);
    await reader.getByText("A reply that moves with the merge").waitFor();
  }, 240_000);
});
