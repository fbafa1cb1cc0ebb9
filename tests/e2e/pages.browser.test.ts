import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, type Viewport } from "./support/browser";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";
const arabicQuestion =
  "إلى أي مدى تستطيع روسيا المحافظة على هذا التوازن الدقيق بين الانفتاح الدبلوماسي والتصعيد الجيوسياسي في عالم يتغير بوتيرة متسارعة؟";
const englishQuestion =
  "To what extent can Russia maintain this delicate balance between diplomatic openness and geopolitical escalation in a world that is changing at an accelerating pace?";

describe.skipIf(!hasBrowser)("pages in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reads the seed article in Arabic, switches to the English translation and back", async () => {
    const page = await openPage(browser, "ar");
    await page.goto(server.url + "/");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await page.getByRole("link", { name: /هدنة عيد النصر/ }).click();
    await page.waitForURL(`**/p/${slug}`);
    await expect.poll(() => page.getByText(arabicQuestion, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator("article [lang=ar] p").count()).toBe(18);

    await page.getByRole("link", { name: "اقرأ بالإنجليزية" }).click();
    await page.waitForURL(`**/p/${slug}?lang=en`);
    await expect.poll(() => page.getByText(englishQuestion, { exact: true }).count()).toBeGreaterThan(0);
    // The interface stays Arabic while the article is English.
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.locator("article h1").getAttribute("lang")).toBe("en");

    await page.getByRole("link", { name: "اقرأ بالعربية" }).click();
    await page.waitForURL(`**/p/${slug}?lang=ar`);
    await expect.poll(() => page.getByText(arabicQuestion, { exact: true }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("switches the interface language and remembers it", async () => {
    const page = await openPage(browser, "ar");
    await page.goto(server.url + `/p/${slug}`);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("ltr");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.getByText(englishQuestion, { exact: true }).count()).toBeGreaterThan(0);
    await page.goto(server.url + "/");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "العربية" }).click();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    await page.context().close();
  });

  for (const locale of ["ar", "en"] as const) {
    for (const viewport of ["mobile", "desktop"] as Viewport[]) {
      it(`is accessible and photographed in ${locale} at ${viewport} width`, async () => {
        const page = await openPage(browser, locale, viewport);
        for (const [name, path] of [
          ["home", "/"],
          ["post", `/p/${slug}`],
          ["not-found", "/p/nothing-here"],
        ] as const) {
          const response = await page.goto(server.url + path);
          expect(response?.status()).toBe(name === "not-found" ? 404 : 200);
          expect(await page.getAttribute("html", "lang")).toBe(locale);
          expect(await page.getAttribute("html", "dir")).toBe(locale === "ar" ? "rtl" : "ltr");
          await expectAccessible(page);
          await screenshot(page, `${name}-${locale}-${viewport}`);
        }
        // Nothing overflows sideways at a phone's width.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.context().close();
      });
    }
  }
});
