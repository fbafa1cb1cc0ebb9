import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage as openContextPage, screenshot, type Viewport } from "./support/browser";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const password = "a very good password";
const adminEmail = "admin@e2e.test";
const moderator = { email: "moderator@e2e.test", name: "Mona Moderator" };
const title = "هل تصمد الهدنة حتى الربيع؟";
const slug = "هل-تصمد-الهدنة-حتى-الربيع";
const question = "كم ستدوم الهدنة؟";

/** A page as openPage gives it, whose navigations may take 30 s: each test here renders many pages on a busy machine. */
async function openPage(browser: Browser, locale: "ar" | "en", viewport: Viewport = "desktop"): Promise<Page> {
  const page = await openContextPage(browser, locale, viewport);
  page.setDefaultNavigationTimeout(30_000);
  return page;
}

async function signIn(page: Page, server: RunningServer, email: string) {
  await page.goto(server.url + "/signin");
  await page.locator("input[type=email]").fill(email);
  await page.locator("input[type=password]").fill(password);
  await page.locator("input[type=password]").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { waitUntil: "domcontentloaded" });
}

async function expectNoOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describe.skipIf(!hasBrowser)("a moderator opens a post in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken = "";
  let scenarioUrl = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MIZAN_ADMIN_EMAILS: adminEmail } }), launchBrowser()]);
    // An admin makes a member a moderator, through the API as a script would.
    const client = api(server.url);
    await client.post("/api/v1/accounts", { email: adminEmail, password, name: "Admin" });
    const { token } = (await client.post("/api/v1/tokens", { email: adminEmail, password })).body;
    adminToken = token;
    const { user } = (await client.post("/api/v1/accounts", { email: moderator.email, password, name: moderator.name })).body;
    const promoted = await client.put(`/api/v1/admin/users/${user.id}/role`, { role: "moderator" }, { token });
    expect(promoted.body.user.role).toBe("moderator");
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens an Arabic post from /new, which the home page lists at once", async () => {
    const anon = await openPage(browser, "en");
    await anon.goto(server.url + "/"); // the anonymous page cache now holds the home page as it was
    const page = await openPage(browser, "en");
    await signIn(page, server, moderator.email);
    await page.getByRole("link", { name: "New post" }).click();
    await page.waitForURL("**/new");
    await page.getByLabel("Language of the article").selectOption("ar");
    await page.getByLabel("Title", { exact: true }).fill(title);

    // Publishing with fields missing is refused beside them, before any request, with focus on the first.
    await page.getByRole("button", { name: "Open the post" }).click();
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    expect(await page.getByText("The question needs 3 to 500 characters.").count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole("textbox", { name: "Article" }).fill("نص **المقال** هنا.");
    await page.getByLabel("The closing question").fill(question);
    const axes = page.getByRole("group", { name: "The two axes" });
    for (const [axis, name] of [["Horizontal axis", "الانفتاح"], ["Vertical axis", "التصعيد"]] as const) {
      const group = axes.getByRole("group", { name: axis });
      await group.getByLabel("Name", { exact: true }).fill(name);
      await group.getByLabel("Low end", { exact: true }).fill("منخفض");
      await group.getByLabel("High end", { exact: true }).fill("مرتفع");
    }
    const corners = axes.getByRole("group", { name: "The map's four corners" });
    for (const [corner, name] of [["Both high", "مواجهة"], ["Horizontal high, vertical low", "تسوية"], ["Horizontal low, vertical high", "تصعيد"], ["Both low", "جمود"]] as const) {
      await corners.getByLabel(corner, { exact: true }).fill(name);
    }
    await page.getByRole("button", { name: "Open the post" }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/p/${slug}`);
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await page.getByText(question).count()).toBeGreaterThan(0);
    expect(await page.locator("strong", { hasText: "المقال" }).count()).toBe(1);
    await page.context().close();

    await anon.goto(server.url + "/");
    expect(await anon.getByRole("link", { name: title }).count()).toBe(1);
    await anon.context().close();
  });

  it("works like the seed post: a member proposes a scenario on it in Arabic, and the post moves up the home page", async () => {
    // A newer post, opened through the API, is listed above it until the member's scenario and reply arrive.
    const newer = await api(server.url).post("/api/v1/posts", { title: "A later question", body: "Text", question: "What next?", lang: "en" }, { token: adminToken });
    expect(newer.status).toBe(201);
    const page = await openPage(browser, "ar", "mobile");
    await page.goto(server.url + "/signup");
    await page.getByLabel("الاسم المعروض", { exact: true }).fill("سلمى");
    await page.getByLabel("البريد الإلكتروني", { exact: true }).fill("member@e2e.test");
    await page.getByLabel("كلمة المرور", { exact: true }).fill(password);
    await page.getByRole("button", { name: "إنشاء الحساب", exact: true }).click();
    await page.waitForURL("**/u/**");
    await page.goto(server.url + "/");
    const listed = page.getByRole("region", { name: "كل المقالات" }).locator("article h3 a");
    expect(await listed.allTextContents()).toEqual(["A later question", title]);
    await page.getByRole("link", { name: title }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/p/${slug}`);
    await page.getByLabel("العنوان", { exact: true }).fill("الهدنة تصمد");
    await page.getByLabel("نص السيناريو", { exact: true }).fill("لأن الطرفين منهكان.");
    await page.getByRole("slider", { name: "الانفتاح" }).fill("30");
    await page.getByRole("button", { name: "انشر السيناريو" }).click();
    await page.waitForURL("**/s/**");
    scenarioUrl = page.url();
    expect(await page.locator("h1").textContent()).toBe("الهدنة تصمد");
    await page.getByLabel("ردّك", { exact: true }).fill("لا أظن ذلك");
    await page.getByRole("button", { name: "انشر الردّ" }).click();
    await page.locator(".reply-main > .user-text", { hasText: "لا أظن ذلك" }).first().waitFor();
    await page.goto(server.url + "/");
    // Its new scenario and reply put it first again (after the pinned seed post).
    expect(await listed.allTextContents()).toEqual([title, "A later question"]);
    await page.context().close();
  });

  it("lets the moderator put the post under slow mode, after which the member is told and made to wait", async () => {
    const moderatorPage = await openPage(browser, "en");
    await signIn(moderatorPage, server, moderator.email);
    await moderatorPage.goto(`${server.url}/p/${encodeURIComponent(slug)}`);
    const panel = moderatorPage.getByRole("region", { name: "Slow mode" });
    await panel.locator("summary").click();
    await panel.getByLabel("Interval").selectOption({ label: "1 hour" });
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => panel.getByRole("alert").textContent()).toBe("Give a reason (up to 500 characters).");
    await panel.getByLabel("Reason").fill("The thread is heating up");
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => panel.getByText("Now: 1 hour").count()).toBe(1);
    await expectAccessible(moderatorPage);
    await screenshot(moderatorPage, "post-slow-mode-en-desktop");
    await moderatorPage.context().close();

    // The member replied a moment ago (above): the next reply on this post waits for the hour to pass.
    const page = await openPage(browser, "ar", "mobile");
    await signIn(page, server, "member@e2e.test");
    await page.goto(scenarioUrl);
    expect(await page.getByText("الوضع البطيء مفعّل في هذا المقال: ردّ واحد كل ساعة.").count()).toBe(1);
    await page.getByLabel("ردّك", { exact: true }).fill("ردّ ثانٍ بعد قليل");
    await page.getByRole("button", { name: "انشر الردّ" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "أعد المحاولة بعد" }).count()).toBe(1);
    await page.reload();
    expect(await page.locator(".reply-main > .user-text", { hasText: "ردّ ثانٍ بعد قليل" }).count()).toBe(0);
    await page.context().close();
  }, 120_000);

  for (const locale of ["ar", "en"] as const) {
    for (const viewport of ["mobile", "desktop"] as const satisfies Viewport[]) {
      it(`shows /new in ${locale} at ${viewport} width, finished and accessible`, async () => {
        const page = await openPage(browser, locale, viewport);
        await signIn(page, server, moderator.email);
        await page.goto(server.url + "/new");
        await expectNoOverflow(page);
        await expectAccessible(page);
        await screenshot(page, `new-post-${locale}-${viewport}`);
        // With the translation open and every error showing.
        await page.locator("main input[type=checkbox]").check();
        await page.locator("main form button[type=submit]").click();
        await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
        await expectNoOverflow(page);
        await expectAccessible(page);
        await screenshot(page, `new-post-errors-${locale}-${viewport}`);
        await page.goto(server.url + "/");
        await expectAccessible(page);
        await screenshot(page, `home-posts-${locale}-${viewport}`);
        await page.context().close();
      }, 120_000);
    }
  }

  it("tells a member that only moderators open posts, and sends anonymous readers to sign in", async () => {
    const page = await openPage(browser, "en");
    await page.goto(server.url + "/new");
    await page.waitForURL("**/signin**");
    await signIn(page, server, "member@e2e.test");
    expect(await page.getByRole("link", { name: "New post" }).count()).toBe(0);
    await page.goto(server.url + "/new");
    expect(await page.getByText("Only moderators and admins open posts.").count()).toBe(1);
    expect(await page.locator("main form").count()).toBe(0);
    await page.context().close();
  });
});
