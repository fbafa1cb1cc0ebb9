import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";
import { startServer, type RunningServer } from "../support/server";

const adminEmail = "opener@e2e.test";

async function signUp(page: Page, server: RunningServer, name: string, email: string) {
  await page.goto(server.url + "/signup");
  await page.getByLabel("Display name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a very good password");
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.waitForURL("**/u/**");
}

describe.skipIf(!hasBrowser)("opening a post in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const title = "هل تصمد الهدنة حتى الربيع؟";
  const question = "كم ستدوم الهدنة؟";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MIZAN_ADMIN_EMAILS: adminEmail } }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets an admin open an Arabic post from /new, and the home page lists it at once", async () => {
    const anon = await openPage(browser, "en");
    await anon.goto(server.url + "/"); // warms the anonymous page cache with the home page as it was
    const page = await openPage(browser, "en");
    await signUp(page, server, "Opener", adminEmail);
    await page.goto(server.url + "/new");
    await expectAccessible(page);
    await page.getByLabel("Language of the article").selectOption("ar");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Open the post" }).click();
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    await page.getByRole("textbox", { name: "Article" }).fill("نص **المقال** هنا.");
    await page.getByLabel("The closing question").fill(question);
    const labels = ["Horizontal axis", "Vertical axis"];
    for (const [i, axis] of labels.entries()) {
      const inputs = page.locator("fieldset").first().locator("input");
      await inputs.nth(i * 3).fill(`${axis} ع`);
      await inputs.nth(i * 3 + 1).fill("منخفض");
      await inputs.nth(i * 3 + 2).fill("مرتفع");
    }
    for (const corner of ["Both high", "Horizontal high, vertical low", "Horizontal low, vertical high", "Both low"]) {
      await page.getByLabel(corner, { exact: true }).fill(`ركن ${corner.length}`);
    }
    await page.getByRole("button", { name: "Open the post" }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === "/p/هل-تصمد-الهدنة-حتى-الربيع");
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await page.getByText(question).count()).toBeGreaterThan(0);
    await page.context().close();

    await anon.goto(server.url + "/");
    expect(await anon.getByRole("link", { name: title }).count()).toBe(1);
    await anon.context().close();
  });

  it("works like the seed post: a member proposes a scenario on it and replies to it", async () => {
    const page = await openPage(browser, "en", "mobile");
    await signUp(page, server, "Member", "member@e2e.test");
    await page.goto(server.url + "/");
    await page.getByRole("link", { name: title }).click();
    await page.getByLabel("Title", { exact: true }).fill("الهدنة تصمد");
    await page.getByRole("textbox", { name: "The scenario" }).fill("لأن الطرفين منهكان.");
    await page.getByRole("button", { name: "Publish scenario" }).click();
    await page.waitForURL("**/s/**");
    await page.getByLabel("Your reply", { exact: true }).fill("لا أظن ذلك");
    await page.getByRole("button", { name: "Post reply" }).click();
    await page.locator(".reply-main > .user-text", { hasText: "لا أظن ذلك" }).first().waitFor();
    await page.goto(server.url + "/");
    expect(await page.getByRole("link", { name: title }).count()).toBe(1);
    await page.context().close();
  });

  for (const locale of ["ar", "en"] as const) {
    for (const viewport of ["mobile", "desktop"] as const) {
      it(`shows /new and the home list in ${locale} at ${viewport} width`, async () => {
        const page = await openPage(browser, locale, viewport);
        await page.goto(server.url + "/signin");
        await page.locator("input[type=email]").fill(adminEmail);
        await page.locator("input[type=password]").fill("a very good password");
        await page.locator("form button[type=submit]").click();
        await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
        await page.goto(server.url + "/new");
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await expectAccessible(page);
        await screenshot(page, `new-post-${locale}-${viewport}`);
        await page.goto(server.url + "/");
        expect(await page.getByRole("link", { name: title }).count()).toBe(1);
        await expectAccessible(page);
        await screenshot(page, `home-posts-${locale}-${viewport}`);
        await page.context().close();
      });
    }
  }
});
