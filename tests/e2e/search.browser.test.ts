import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, type Viewport } from "./support/browser";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";

describe.skipIf(!hasBrowser)("search in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { PORT: "4710", MIZAN_RATE_LIMITS: "off" } }), launchBrowser()]);
    // A scenario and a reply that mention Russia with prefixes, so results of every type are on the page.
    const client = api(server.url);
    const email = `searcher${Date.now()}@example.test`;
    await client.post("/api/v1/accounts", { email, password: "correct horse battery", name: "Searcher" });
    const { token } = (await client.post("/api/v1/tokens", { email, password: "correct horse battery" })).body;
    const post = (await client.get(`/api/v1/posts/${slug}`)).body.post;
    const scenario = await client.post(
      `/api/v1/posts/${post.id}/scenarios`,
      { title: "تهدئة مشروطة مع أوكرانيا", body: "وروسيا تقبل بهدنة طويلة إذا رُفعت بعض العقوبات، ويبقى لروسيا نفوذها في الشرق. Negotiations resume in Istanbul." },
      { token },
    );
    expect(scenario.status).toBe(201);
    const reply = await client.post(`/api/v1/scenarios/${scenario.body.scenario.id}/replies`, { body: "لا أظن أن روسيا ستقبل: the talks will stall again." }, { token });
    expect(reply.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cases: { locale: "ar" | "en"; q: string; dir: "rtl" | "ltr" }[] = [
    { locale: "ar", q: "روسيا", dir: "rtl" },
    { locale: "en", q: "negotiation", dir: "ltr" },
  ];
  for (const { locale, q, dir } of cases) {
    for (const viewport of ["mobile", "desktop"] as Viewport[]) {
      it(`searches from the header in ${locale} at ${viewport} width: highlighted results, ${dir}, accessible`, async () => {
        const page = await openPage(browser, locale, viewport);
        await page.goto(server.url + "/");
        const box = page.getByRole("search").getByRole("searchbox");
        await box.fill(q);
        await box.press("Enter");
        await page.waitForURL(/\/search\?q=/);
        expect(await page.getAttribute("html", "dir")).toBe(dir);
        const results = page.locator("main ol > li");
        await expect.poll(() => results.count()).toBeGreaterThan(0);
        expect(await page.locator("main ol mark").count()).toBeGreaterThan(0);
        // Each result links to its permalink, and the page fits the screen.
        const first = results.first().getByRole("link");
        expect(await first.getAttribute("href")).toMatch(new RegExp(`^/p/${slug}`));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await expectAccessible(page);
        await screenshot(page, `search-${locale}-${viewport}`);
        await page.context().close();
      });
    }
  }

  it("filters by type with links that keep the query, and says when nothing matches", async () => {
    const page = await openPage(browser, "en");
    await page.goto(`${server.url}/search?q=${encodeURIComponent("لروسيا")}`);
    await page.getByRole("link", { name: "Replies", exact: true }).click();
    await page.waitForURL(/type=reply/);
    const kinds = await page.locator("main ol > li article > p:first-child").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["Reply"]));
    await page.goto(`${server.url}/search?q=zzzqqq`);
    await expect.poll(() => page.getByText(/Nothing matches/).count()).toBe(1);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('- ""')}`);
    // In the page's own content: Next.js adds a route announcer (role alert) of its own once it hydrates.
    await expect.poll(() => page.locator("main").getByRole("alert").count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });
});
