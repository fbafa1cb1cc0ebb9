import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, screenshotDir } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const password = "a very good password";
const moderatorEmail = "moderator@example.test";

const signInCopy = {
  ar: { email: "البريد الإلكتروني", password: "كلمة المرور", submit: "دخول" },
  en: { email: "Email", password: "Password", submit: "Sign in" },
} as const;

describe.skipIf(!hasBrowser)("forecasting in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let postId: string;
  const scenarioIds: string[] = [];

  beforeAll(async () => {
    // One forecast reveals the community figure, so a single member's forecast shows on the map at once.
    [server, browser] = await Promise.all([
      startServer({ env: { MIZAN_FORECAST_MIN_FORECASTERS: "1", MIZAN_ADMIN_EMAILS: moderatorEmail, MIZAN_RATE_LIMITS: "off" } }),
      launchBrowser(),
    ]);
    const client = api(server.url + "/api/v1");
    postId = (await client.get(`/posts/${slug}`)).body.post.id;
    for (const [email, name] of [
      ["author@example.test", "Author"],
      ["forecaster@example.test", "سلمى القاسم"],
      [moderatorEmail, "Moderator"],
    ]) {
      expect((await client.post("/accounts", { email, password, name })).status).toBe(201);
    }
    const author = (await client.post("/tokens", { email: "author@example.test", password })).body.token;
    const scenarios = [
      { title: "توازن هشّ يصمد حتى نهاية العام", body: "هدن رمزية وضغط عسكري محسوب.", x: 62, y: 58 },
      { title: "Escalation wins: the truce was a pause", body: "Units rotate and restock.", x: 18, y: 86 },
      { title: "انفتاح دبلوماسي واسع مقابل تجميد خطوط التماس", body: "صفقة كبرى برعاية أمريكية.", x: 88, y: 16 },
    ];
    for (const scenario of scenarios) scenarioIds.push((await client.post(`/posts/${postId}/scenarios`, scenario, { token: author })).body.scenario.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, locale: "ar" | "en", email: string) {
    const t = signInCopy[locale];
    await page.goto(server.url + "/signin");
    await page.getByLabel(t.email, { exact: true }).fill(email);
    await page.getByLabel(t.password, { exact: true }).fill(password);
    await page.getByRole("button", { name: t.submit, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  }

  const value = (page: Page, id: string) => page.locator(`[data-forecast-slider="${id}"]`).inputValue().then(Number);
  const total = (page: Page) => page.locator("[data-forecast-total]").getAttribute("data-forecast-total").then(Number);
  const sumOfSliders = async (page: Page) => {
    let sum = 0;
    for (const id of [...scenarioIds, "other"]) sum += await value(page, id);
    return sum;
  };
  const dotSize = (page: Page, id: string) => page.locator(`[data-map-bubble="${id}"] .map-dot`).evaluate((el) => el.getBoundingClientRect().width);
  /** The bubble's size once its growing animation has finished. */
  async function settledDotSize(page: Page, id: string): Promise<number> {
    let last = -1;
    for (;;) {
      const size = await dotSize(page, id);
      if (size === last) return size;
      last = size;
      await page.waitForTimeout(200);
    }
  }
  const liveState = (page: Page) => page.locator("[data-live-status]").getAttribute("data-live-status");

  it("lets a member forecast with keyboard and pointer while a second reader watches the map change live", async () => {
    const reader = await openPage(browser, "en", "desktop");
    await reader.goto(`${server.url}/p/${slug}`);
    await expect.poll(() => liveState(reader)).toBe("live");
    // Hidden: every bubble alike, no figure on the cards.
    expect(await reader.locator("[data-community-state]").getAttribute("data-community-state")).toBe("hidden");
    const [first] = scenarioIds;
    expect(await reader.locator(`[data-map-bubble="${first}"]`).getAttribute("data-state")).toBe("hidden");
    const hiddenSize = await dotSize(reader, first!);
    expect(await reader.locator(`[data-card-probability="${first}"]`).count()).toBe(0);
    expect(await reader.getByRole("link", { name: "Sign in to forecast" }).count()).toBe(1);
    await expectAccessible(reader);
    await screenshot(reader, "forecast-post-hidden-en-desktop");

    const member = await openPage(browser, "ar", "mobile");
    await signIn(member, "ar", "forecaster@example.test");
    await member.goto(`${server.url}/p/${slug}#forecast`);
    // An even split to start from: three scenarios and Other, a quarter each.
    for (const id of [...scenarioIds, "other"]) expect(await value(member, id)).toBe(25);
    expect(await total(member)).toBe(100);

    // Keyboard: raising a scenario takes from Other, one point a key press.
    const slider = member.locator(`[data-forecast-slider="${first}"]`);
    await slider.focus();
    for (let i = 0; i < 5; i++) await member.keyboard.press("ArrowUp");
    await expect.poll(() => value(member, first!)).toBe(30);
    expect(await value(member, "other")).toBe(20);
    expect(await member.locator(`[data-forecast-value="${first}"]`).textContent()).toContain("30");
    // End asks for 100; it stops where Other runs out, and says why.
    await member.keyboard.press("End");
    await expect.poll(() => value(member, first!)).toBe(50);
    expect(await value(member, "other")).toBe(0);
    await member.getByText("بلغت «غير ذلك» صفرًا").waitFor();
    await member.keyboard.press("ArrowUp");
    expect(await value(member, first!)).toBe(50);
    expect(await sumOfSliders(member)).toBe(100);

    // Pointer: pressing near the low end of the second slider (its start is on the right in Arabic) gives to Other.
    const second = member.locator(`[data-forecast-slider="${scenarioIds[1]}"]`);
    const box = (await second.boundingBox())!;
    await member.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
    await expect.poll(() => value(member, scenarioIds[1]!)).toBeLessThan(20);
    const afterPointer = await value(member, scenarioIds[1]!);
    expect(await value(member, "other")).toBe(25 - afterPointer);
    expect(await total(member)).toBe(100);
    expect(await sumOfSliders(member)).toBe(100);
    await expectAccessible(member);
    await member.locator("#forecast").screenshot({ path: path.join(screenshotDir, "forecast-editor-ar-mobile.png") });

    await member.getByRole("button", { name: "احفظ توقّعي" }).click();
    await member.locator("[data-forecast-saved]").waitFor();
    await expect.poll(() => member.locator("[data-forecast-saved]").textContent(), { timeout: 5000 }).toContain("عضو واحد");

    // The reader's map and card follow without a reload: the bubble grows to the community figure.
    await expect.poll(() => reader.locator(`[data-map-bubble="${first}"]`).getAttribute("data-state"), { timeout: 5000 }).toBe("estimate");
    expect(Number(await reader.locator(`[data-map-bubble="${first}"]`).getAttribute("data-probability"))).toBe(50);
    await expect.poll(() => dotSize(reader, first!)).toBeGreaterThan(hiddenSize * 2);
    expect(await reader.locator(`[data-card-probability="${first}"]`).textContent()).toContain("50%");
    const revealedSize = await settledDotSize(reader, first!);

    // A second forecast moves it again.
    await slider.focus();
    for (let i = 0; i < 20; i++) await member.keyboard.press("ArrowDown");
    await expect.poll(() => value(member, first!)).toBe(30);
    await member.getByRole("button", { name: "حدّث توقّعي" }).click();
    await expect.poll(() => reader.locator(`[data-map-bubble="${first}"]`).getAttribute("data-probability"), { timeout: 5000 }).toBe("30");
    expect(await settledDotSize(reader, first!)).toBeLessThan(revealedSize);
    await expect.poll(() => reader.locator(`[data-card-probability="${first}"] [data-value]`).textContent()).toBe("30%");
    await expectAccessible(reader);
    await screenshot(reader, "forecast-post-live-en-desktop");
    await reader.locator("#map").screenshot({ path: path.join(screenshotDir, "forecast-map-en-desktop.png") });
    // The map as a table: its rows are made when it is opened, one per scenario.
    expect(await reader.locator("#map table").count()).toBe(0);
    await reader.getByText("The map as a table").click();
    await expect.poll(() => reader.locator("#map table tbody tr").count()).toBe(scenarioIds.length);
    await expectAccessible(reader);

    // The member's page after a reload starts from their own forecast.
    await member.reload();
    expect(await value(member, first!)).toBe(30);
    expect(await member.locator("[data-last-forecast]").textContent()).toContain("آخر توقّع لك");
    await reader.context().close();
    await member.context().close();
  });

  it("draws the scenario's history with the member's own forecasts marked, accessibly", async () => {
    const member = await openPage(browser, "ar", "desktop");
    await signIn(member, "ar", "forecaster@example.test");
    await member.goto(`${server.url}/p/${slug}/s/${scenarioIds[0]}`);
    const chart = member.locator("[data-history-chart]");
    await chart.waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(1);
    expect(await member.locator("[data-own-forecast]").count()).toBe(2);
    // Arabic sets the percent sign apart with direction marks; the figure itself is 30.
    expect(await member.locator(`[data-panel-probability="${scenarioIds[0]}"] [data-value]`).getAttribute("data-value")).toBe("30");
    expect(await member.locator(`[data-panel-probability="${scenarioIds[0]}"] [data-value]`).textContent()).toMatch(/^30\u200e?%\u200e?$/);
    // The figures behind the chart, as tables.
    await member.getByText("الرسم البياني في جدول").click();
    expect(await member.getByRole("table").count()).toBe(2);
    await expectAccessible(member);
    await screenshot(member, "forecast-scenario-ar-desktop");

    const anonymous = await openPage(browser, "en", "mobile");
    await anonymous.goto(`${server.url}/p/${slug}/s/${scenarioIds[2]}`);
    await anonymous.locator("[data-history-chart]").waitFor();
    expect(await anonymous.locator("[data-own-forecast]").count()).toBe(0);
    await expectAccessible(anonymous);
    expect(await anonymous.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(anonymous, "forecast-scenario-en-mobile");
    await member.context().close();
    await anonymous.context().close();
  });

  it("keeps a long discussion small: the editor opens on its likeliest rows, the map's tail is drawn as specks", async () => {
    const client = api(server.url + "/api/v1");
    const author = (await client.post("/tokens", { email: "author@example.test", password })).body.token;
    for (let i = 0; i < 38; i++) {
      const created = await client.post(`/posts/${postId}/scenarios`, { title: `Long list ${i}`, body: "One more way it could go.", x: (7 * i) % 101, y: (13 * i) % 101 }, { token: author });
      expect(created.status).toBe(201);
    }
    const html = await (await fetch(`${server.url}/p/${slug}`)).text();
    // As sent: forty bubbles, no specks (the running page draws those).
    expect(html.match(/data-map-bubble=/g)).toHaveLength(40);
    expect(html).not.toContain("data-map-speck");

    const member = await openPage(browser, "en", "desktop");
    await signIn(member, "en", "forecaster@example.test");
    await member.goto(`${server.url}/p/${slug}`);
    await expect.poll(() => member.locator("[data-map-speck]").count()).toBe(1);
    expect(await member.locator("[data-map-bubble]").count()).toBe(40);
    const sliders = member.locator("[data-forecast-slider]");
    await expect.poll(() => sliders.count()).toBe(12 + 1); // the first twelve of 41, and Other (once the member's layer has come)
    const showAll = member.getByRole("button", { name: "Show the other 29 scenarios" });
    expect(await showAll.getAttribute("aria-expanded")).toBe("false");
    await showAll.click();
    expect(await sliders.count()).toBe(41 + 1);
    // The page carried the titles of the likeliest forty only; the last row's comes when all rows are shown.
    const longList = /^Long list \d+$/;
    await expect.poll(() => member.locator("#forecast").getByText(longList).count()).toBe(38);
    await member.locator("#map summary").click();
    await expect.poll(() => member.locator("#map table").getByText(longList).count()).toBe(38);
    expect(await member.getByRole("button", { name: "Show only the likeliest" }).getAttribute("aria-expanded")).toBe("true");
    expect(Number(await member.locator("[data-forecast-total]").getAttribute("data-forecast-total"))).toBe(100);
    await expectAccessible(member);
    await member.locator("#map").screenshot({ path: path.join(screenshotDir, "map-long-list-en-desktop.png") });
    // A speck leads to its scenario (clicked as such: a bubble may lie over it).
    const speck = member.locator("[data-map-speck]").first();
    const target = await speck.getAttribute("href");
    await speck.dispatchEvent("click");
    await member.waitForURL((url) => url.pathname === target);
    await member.context().close();
  });

  it("lets a moderator resolve the question; the banner and the leaderboard follow, and forecasting closes, live for a reader", async () => {
    // A member has the post open while the moderator resolves it.
    const member = await openPage(browser, "ar", "mobile");
    await signIn(member, "ar", "forecaster@example.test");
    await member.goto(`${server.url}/p/${slug}`);
    await expect.poll(() => liveState(member)).toBe("live");
    await expect.poll(() => member.locator("[data-forecast-slider]").count()).toBeGreaterThan(0);

    const moderator = await openPage(browser, "en", "desktop");
    await signIn(moderator, "en", moderatorEmail);
    await moderator.goto(`${server.url}/p/${slug}`);
    await moderator.getByText("Resolve this question").click();
    await moderator.getByLabel("The scenario that happened").selectOption(scenarioIds[0]!);
    await moderator.getByLabel("Note for readers").fill("The truce was extended while limited operations continued.");
    await expectAccessible(moderator);
    await moderator.getByRole("button", { name: "Resolve…" }).click();
    await moderator.getByRole("button", { name: "Confirm the resolution" }).click();

    await moderator.locator("[data-resolution=scenario]").waitFor();
    expect(await moderator.locator("#resolution-heading").textContent()).toContain("توازن هشّ يصمد حتى نهاية العام");
    expect(await moderator.locator(`[data-map-bubble="${scenarioIds[0]}"]`).getAttribute("data-resolved")).toBe("true");
    const rows = moderator.locator("[data-score-row]");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("سلمى القاسم");
    expect(await moderator.getByText("lower is better; 0 is perfect").count()).toBe(1);
    expect(await moderator.getByText("Forecasting has closed: this question has been resolved.").count()).toBe(1);
    expect(await moderator.getByText("Resolve this question").count()).toBe(0);
    await expectAccessible(moderator);
    await screenshot(moderator, "forecast-resolved-en-desktop");

    // The member's open page follows without a reload: forecasting has closed, the outcome is shown.
    await member.getByText("أُغلق باب التوقّع: حُسم هذا السؤال.").waitFor();
    expect(await member.locator("[data-forecast-slider]").count()).toBe(0);
    expect(await member.locator("[data-resolution=scenario]").count()).toBe(1);
    await expectAccessible(member);
    await screenshot(member, "forecast-resolved-ar-mobile");
    // The member's profile lists the score.
    const handle = (await api(server.url + "/api/v1").get(`/posts/${postId}/scores`)).body.scores[0].user.handle;
    await member.goto(`${server.url}/u/${handle}`);
    expect(await member.locator("#record-heading").textContent()).toBe("سجلّ التوقّعات");
    expect(await member.getByRole("link", { name: /هدنة عيد النصر/ }).count()).toBe(1);
    await expectAccessible(member);
    await moderator.context().close();
    await member.context().close();
  });
});
