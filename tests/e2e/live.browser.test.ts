import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const password = "a very good password";

describe.skipIf(!hasBrowser)("live updates between two browsers", () => {
  let server: RunningServer;
  let browser: Browser;
  let postId: string;
  let voterToken: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const client = api(server.url + "/api/v1");
    postId = (await client.get(`/posts/${slug}`)).body.post.id;
    for (const email of ["writer@example.test", "voter@example.test"]) await client.post("/accounts", { email, password, name: email.split("@")[0] });
    voterToken = (await client.post("/tokens", { email: "voter@example.test", password })).body.token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(server.url + "/signin");
    await page.getByLabel("البريد الإلكتروني", { exact: true }).fill(email);
    await page.getByLabel("كلمة المرور", { exact: true }).fill(password);
    await page.getByRole("button", { name: "دخول", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  }

  const liveState = (page: Page) => page.locator("[data-live-status]").getAttribute("data-live-status");

  it("shows a reader what another member does, without a reload and without moving the page", async () => {
    const reader = await openPage(browser, "ar");
    await reader.goto(server.url + `/p/${slug}`);
    await expect.poll(() => liveState(reader)).toBe("live");

    const writer = await openPage(browser, "ar");
    await signIn(writer, "writer@example.test");
    await writer.goto(server.url + `/p/${slug}`);
    // Presence is announced at most once a second.
    await expect.poll(() => reader.getByText("قارئان الآن").count(), { timeout: 5000 }).toBe(1);

    // The writer proposes a scenario in the browser.
    await writer.getByLabel("العنوان", { exact: true }).fill("هدنة دائمة مقابل تجميد التحالف");
    await writer.getByLabel("نص السيناريو", { exact: true }).fill("تتوقف الشحنات الكورية مقابل مفاوضات برعاية أمريكية.");
    await writer.getByRole("button", { name: "انشر السيناريو" }).click();
    await writer.waitForURL("**/s/**");
    const scenarioId = new URL(writer.url()).pathname.split("/").at(-1)!;

    // The reader is told, politely, and nothing shifts until they ask for it.
    const banner = reader.getByRole("button", { name: "سيناريو جديد — اعرضه" });
    await banner.waitFor();
    expect(await reader.locator("[aria-live=polite]").filter({ has: banner }).count()).toBe(1);
    expect(await reader.locator("#scenarios").getByRole("link", { name: "هدنة دائمة مقابل تجميد التحالف" }).count()).toBe(0);
    await screenshot(reader, "live-banner-ar-desktop");
    await banner.click();
    await reader.locator("#scenarios").getByRole("link", { name: "هدنة دائمة مقابل تجميد التحالف" }).waitFor();
    await expect.poll(() => reader.locator(`[data-reply-count="${scenarioId}"]`).textContent()).toBe("لا ردود");

    // A reply and a vote change the card's counts in place.
    await writer.getByLabel("ردّك").first().fill("أول ردّ على السيناريو");
    await writer.getByRole("button", { name: "انشر الردّ" }).first().click();
    await expect.poll(() => reader.locator(`[data-reply-count="${scenarioId}"]`).textContent(), { timeout: 5000 }).toBe("ردّ واحد");
    const voted = await api(server.url + "/api/v1").put(`/scenarios/${scenarioId}/vote`, { value: 1 }, { token: voterToken });
    expect(voted.body.score).toBe(1);
    // Vote totals are announced coalesced, within a quarter of a second.
    await expect.poll(() => reader.locator(`[data-scenario-votes="${scenarioId}"] span[dir=ltr]`).textContent(), { timeout: 5000 }).toBe("1");
    await expectAccessible(reader);

    // Offline: the page says so, and on return it catches up on what it missed.
    await reader.context().setOffline(true);
    await expect.poll(() => liveState(reader), { timeout: 15_000 }).toBe("lost");
    await api(server.url + "/api/v1").put(`/scenarios/${scenarioId}/vote`, { value: -1 }, { token: voterToken });
    await reader.context().setOffline(false);
    await expect.poll(() => liveState(reader), { timeout: 15_000 }).toBe("back");
    await expect.poll(() => reader.locator(`[data-scenario-votes="${scenarioId}"] span[dir=ltr]`).textContent(), { timeout: 5000 }).toBe("-1");
    await screenshot(reader, "live-after-reconnect-ar-desktop");
    await reader.context().close();
    await writer.context().close();
  });

  it("keeps two tabs of one member in agreement about their vote", async () => {
    const client = api(server.url + "/api/v1");
    const writerToken = (await client.post("/tokens", { email: "writer@example.test", password })).body.token;
    const scenario = (await client.post(`/posts/${postId}/scenarios`, { title: "Two tabs", body: "Same member, two tabs" }, { token: writerToken })).body.scenario;
    const first = await openPage(browser, "ar");
    await signIn(first, "voter@example.test");
    const second = await first.context().newPage();
    for (const tab of [first, second]) {
      await tab.goto(server.url + `/p/${slug}/s/${scenario.id}`);
      await expect.poll(() => liveState(tab)).toBe("live");
    }
    const upvote = (tab: Page) => tab.locator(`[data-scenario-votes="${scenario.id}"]`).getByRole("button", { name: "أؤيد" });
    await upvote(first).click();
    await expect.poll(() => upvote(first).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => upvote(second).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => second.locator(`[data-scenario-votes="${scenario.id}"] span[dir=ltr]`).textContent(), { timeout: 5000 }).toBe("1");
    await first.context().close();
  });
});
