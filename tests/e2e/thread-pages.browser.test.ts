import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers } from "@/bench/support/members";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
// 45 top-level replies of one reply each: the first page takes 40 (repliesPerPage), the second the other 5.
const topLevel = 45;
const copy = {
  ar: { more: "مزيد من الردود", first: "أول الردود" },
  en: { more: "More replies", first: "First replies" },
} as const;

describe.skipIf(!hasBrowser)("a debate longer than one page", () => {
  let server: RunningServer;
  let browser: Browser;
  let scenarioUrl: string;
  let lateId: string;
  let lateChildId: string;
  let tokens: string[];
  let scenarioId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MIZAN_RATE_LIMITS: "off" } }), launchBrowser()]);
    tokens = await createMembers(server.url, 3, "pages");
    const client = api(server.url + "/api/v1");
    const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
    const scenario = await client.post(`/posts/${postId}/scenarios`, { title: "A long debate", body: "Many replies.", x: 60, y: 40 }, { token: tokens[0] });
    scenarioId = scenario.body.scenario.id as string;
    scenarioUrl = `${server.url}/p/${slug}/s/${scenarioId}`;
    for (let i = 1; i <= topLevel; i++) {
      const reply = await client.post(`/scenarios/${scenarioId}/replies`, { body: `Top-level point number ${i}.`, stance: "evidence" }, { token: tokens[i % 3] });
      expect(reply.status).toBe(201);
      lateId = reply.body.reply.id;
    }
    const child = await client.post(`/scenarios/${scenarioId}/replies`, { body: "An answer to the last point.", parentId: lateId, stance: "question" }, { token: tokens[0] });
    lateChildId = child.body.reply.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const locale of ["ar", "en"] as const) {
    it(`shows the first page with a link to more replies, and the rest after it (${locale})`, async () => {
      const page = await openPage(browser, locale, "desktop");
      await page.goto(scenarioUrl);
      const replies = page.locator("#debate article.reply");
      expect(await replies.count()).toBe(40);
      expect(await page.getByText("Top-level point number 40.", { exact: true }).count()).toBe(1);
      expect(await page.getByText("Top-level point number 41.", { exact: true }).count()).toBe(0);
      // The count covers every page.
      expect(await page.locator("#debate-heading + p").textContent()).toMatch(/46|٤٦/);

      await page.getByRole("link", { name: copy[locale].more }).click();
      await page.waitForURL(/\?after=/);
      await page.getByText("Top-level point number 41.", { exact: true }).waitFor();
      expect(await replies.count()).toBe(topLevel - 40 + 1);
      expect(await page.getByText("An answer to the last point.", { exact: true }).count()).toBe(1);
      expect(await page.getByRole("link", { name: copy[locale].more }).count()).toBe(0);
      expect(await page.getByRole("link", { name: copy[locale].first }).count()).toBe(2);
      await expectAccessible(page);

      await page.getByRole("link", { name: copy[locale].first }).last().click();
      await page.getByText("Top-level point number 1.", { exact: true }).waitFor();
      await page.context().close();
    });
  }

  it("opens a permalink to a reply on a later page at that reply", async () => {
    const page = await openPage(browser, "en", "desktop");
    await page.goto(`${scenarioUrl}?reply=${lateChildId}#reply-${lateChildId}`);
    await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe(`reply-${lateChildId}`);
    expect(await page.locator(`#reply-${lateChildId}`).isVisible()).toBe(true);
    // A reply's own link is such a permalink.
    const link = await page.locator(`#reply-${lateId} > details > .reply-main a[href*="?reply="]`).getAttribute("href");
    expect(link).toBe(`${new URL(scenarioUrl).pathname}?reply=${lateId}#reply-${lateId}`);
    await page.context().close();
  });

  it("takes a reader of the first page to a new top-level reply, which belongs on the last page", async () => {
    const page = await openPage(browser, "en", "desktop");
    await page.goto(scenarioUrl);
    await expect.poll(() => page.locator("[data-live-status]").getAttribute("data-live-status")).toBe("live");
    const client = api(server.url + "/api/v1");
    const fresh = await client.post(`/scenarios/${scenarioId}/replies`, { body: "A point made while you read.", stance: "challenges" }, { token: tokens[1] });
    expect(fresh.status).toBe(201);
    await page.getByRole("button", { name: "1 new reply — show" }).click();
    await page.waitForURL(new RegExp(`\\?reply=${fresh.body.reply.id}`));
    await page.getByText("A point made while you read.", { exact: true }).waitFor();
    expect(await page.getByText("Top-level point number 1.", { exact: true }).count()).toBe(0);
    await page.context().close();
  });

  for (const locale of ["ar", "en"] as const) {
    for (const viewport of ["mobile", "desktop"] as const) {
      it(`looks finished at the end of a page (${locale}, ${viewport})`, async () => {
        const page = await openPage(browser, locale, viewport);
        await page.goto(scenarioUrl);
        const more = page.getByRole("link", { name: copy[locale].more });
        await more.scrollIntoViewIfNeeded();
        await screenshot(page, `thread-pages-${locale}-${viewport}`);
        expect(await more.isVisible()).toBe(true);
        expect(await page.getByText("Top-level point number 40.", { exact: true }).isVisible()).toBe(true);
        // Nothing spills sideways, and the last replies and the pager stack without overlapping.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        const boxes = await page.locator("#debate article.reply").evaluateAll((articles) =>
          articles.slice(-3).map((article) => {
            const { top, bottom, left, right } = article.getBoundingClientRect();
            return { top, bottom, left, right };
          }),
        );
        const pager = (await more.boundingBox())!;
        for (const [above, below] of boxes.slice(1).map((box, i) => [boxes[i]!, box] as const)) expect(below.top).toBeGreaterThanOrEqual(above.bottom - 1);
        expect(pager.y).toBeGreaterThanOrEqual(boxes.at(-1)!.bottom - 1);
        const width = page.viewportSize()!.width;
        for (const box of [...boxes, { left: pager.x, right: pager.x + pager.width }]) {
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(width);
        }
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === "ar" ? "rtl" : "ltr");
        await expectAccessible(page);
        await page.context().close();
      });
    }
  }
});
