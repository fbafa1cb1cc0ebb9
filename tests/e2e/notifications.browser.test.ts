import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signInForCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, type Viewport } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const password = "a very good password";
const author = { email: "author@example.test", name: "ليلى" };
const replier = { email: "replier@example.test", name: "Omar" };

describe.skipIf(!hasBrowser)("notifications between two browsers", () => {
  let server: RunningServer;
  let browser: Browser;
  let client: ReturnType<typeof api>;
  let authorToken: string;
  let replierToken: string;
  let postId: string;
  let scenarioId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    client = api(server.url + "/api/v1");
    for (const member of [author, replier]) await client.post("/accounts", { ...member, password });
    authorToken = (await client.post("/tokens", { email: author.email, password })).body.token;
    replierToken = (await client.post("/tokens", { email: replier.email, password })).body.token;
    postId = (await client.get(`/posts/${slug}`)).body.post.id;
    const made = await client.post(`/posts/${postId}/scenarios`, { title: "هدنة طويلة على خطوط التماس", body: "تتجمد الجبهات وتبدأ مفاوضات." }, { token: authorToken });
    scenarioId = made.body.scenario.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, locale: "ar" | "en", viewport: Viewport = "desktop"): Promise<Page> {
    const page = await openPage(browser, locale, viewport);
    const [name, value] = (await signInForCookie(server.url, email, password)).split(/=(.*)/s);
    await page.context().addCookies([{ name: name!, value: value!, url: server.url }]);
    return page;
  }

  const bell = (page: Page) => page.locator("header a[href='/notifications']");
  const unread = async (page: Page) => Number(await bell(page).getAttribute("data-unread"));

  it("member A replies in the browser; member B's bell moves without a reload and opening the notification lands on the reply", async () => {
    const b = await signedIn(author.email, "ar");
    await b.goto(server.url + "/");
    expect(await unread(b)).toBe(0);
    await b.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const a = await signedIn(replier.email, "ar", "mobile");
    await a.goto(server.url + `/p/${slug}/s/${scenarioId}`);
    const text = "الهدنة لن تصمد من دون ضامن دولي.";
    await a.getByLabel("ردّك", { exact: true }).fill(text);
    await a.getByText("اعتراض", { exact: true }).click();
    await a.getByRole("button", { name: "انشر الردّ" }).click();
    const replyId = await a.locator(".reply-main > .user-text", { hasText: text }).first().evaluate((el) => el.closest("article")!.id.replace(/^reply-/, ""));

    await expect.poll(() => unread(b), { timeout: 10_000 }).toBe(1);
    expect(await bell(b).getAttribute("aria-label")).toBe("التنبيهات، واحد غير مقروء");
    expect(await b.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true); // no reload

    // Two more from A coalesce into the same notification: the bell stays at one, the line counts three.
    for (const body of ["ثانيًا: من يراقب وقف إطلاق النار؟", "ثالثًا: التجارب السابقة فشلت."]) {
      expect((await client.post(`/scenarios/${scenarioId}/replies`, { body }, { token: replierToken })).status).toBe(201);
    }
    await bell(b).click();
    await b.waitForURL("**/notifications");
    const item = b.locator("li[data-notification=reply]");
    await expect.poll(() => item.textContent()).toContain("3 ردود جديدة عليك في «هدنة طويلة على خطوط التماس»، آخرها من Omar");
    expect(await item.getAttribute("data-read")).toBe("false");
    await expectAccessible(b);

    await item.getByRole("link").click();
    await b.waitForURL((url) => url.pathname === `/p/${slug}/s/${scenarioId}` && url.hash === `#reply-${replyId}`);
    await b.locator(`#reply-${replyId}`).waitFor();
    await expect.poll(() => unread(b)).toBe(0);
    await b.context().close();
    await a.context().close();
  });

  it("the bell and /notifications look right in Arabic and English, at 390 and 1280 px, and are accessible", async () => {
    // Something unread and something read for the pages to show.
    expect((await client.put(`/follows/post/${postId}`, undefined, { token: authorToken })).body).toEqual({ following: true });
    expect((await client.post(`/posts/${postId}/scenarios`, { title: "Talks resume in Geneva", body: "Both sides send envoys." }, { token: replierToken })).status).toBe(201);
    expect((await client.post(`/scenarios/${scenarioId}/replies`, { body: "رابعًا: الضامن موجود بالفعل." }, { token: replierToken })).status).toBe(201);
    for (const locale of ["ar", "en"] as const) {
      for (const viewport of ["mobile", "desktop"] as const) {
        const page = await signedIn(author.email, locale, viewport);
        await page.goto(server.url + "/notifications");
        expect(await page.locator("html").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
        expect(await page.locator("li[data-notification]").count()).toBeGreaterThanOrEqual(2);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBe(0);
        await expectAccessible(page);
        await screenshot(page, `notifications-${locale}-${viewport}`);
        await page.context().close();
      }
    }
  });

  it("mark all read empties the bell and the unread tab", async () => {
    const page = await signedIn(author.email, "en");
    await page.goto(server.url + "/notifications?unread=1");
    expect(await unread(page)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect.poll(() => unread(page)).toBe(0);
    await expect.poll(() => page.locator("li[data-notification]").count()).toBe(0);
    await page.context().close();
  });
});
