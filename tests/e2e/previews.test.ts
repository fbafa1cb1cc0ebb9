import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAtom } from "../support/atom";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, type Viewport } from "./support/browser";

const slug = "russia-balance-diplomacy-escalation";
const publicUrl = "https://mizan.test";
const password = "a very good password";
const moderatorEmail = "previews-mod@example.test";
let server: RunningServer;
let postId: string;
let shownId: string;
let hiddenId: string;

/** The `<meta>` and `<link>` tags of a page, as [name or property or rel(+hreflang/type), content or href]. */
async function headTags(path: string, locale = "ar") {
  const response = await fetch(server.url + path, { headers: { "accept-language": locale } });
  expect(response.status).toBe(200);
  const html = await response.text();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const tags = [...html.matchAll(/<(?:meta|link)\s[^>]*>/g)].map(([tag]) => tag);
  const meta = (key: string) => tags.filter((t) => t.startsWith("<meta") && (attr(t, "property") === key || attr(t, "name") === key)).map((t) => attr(t, "content")!);
  const links = (rel: string) => tags.filter((t) => t.startsWith("<link") && attr(t, "rel") === rel).map((t) => ({ href: attr(t, "href")!, hreflang: attr(t, "hrefLang"), type: attr(t, "type") }));
  return { html, meta, links };
}

beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_URL: publicUrl, MIZAN_ADMIN_EMAILS: moderatorEmail, MIZAN_RATE_LIMITS: "off" } });
  const client = api(server.url + "/api/v1");
  postId = (await client.get(`/posts/${slug}`)).body.post.id;
  for (const email of ["previews-author@example.test", moderatorEmail]) await client.post("/accounts", { email, password, name: email.split("@")[0] });
  const [author, moderator] = await Promise.all(
    ["previews-author@example.test", moderatorEmail].map(async (email) => (await client.post("/tokens", { email, password })).body.token as string),
  );
  const propose = async (title: string) => (await client.post(`/posts/${postId}/scenarios`, { title, body: `${title}: نص السيناريو.` }, { token: author })).body.scenario.id as string;
  shownId = await propose("هدنة طويلة مقابل رفع العقوبات");
  hiddenId = await propose("سيناريو سيخفيه المشرف");
  expect((await client.post(`/mod/scenario/${hiddenId}/hide`, { reason: "Spam" }, { token: moderator })).status).toBe(200);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe("link previews", () => {
  it("gives the post page OpenGraph and Twitter tags, its canonical URL, hreflang alternates and its feed", async () => {
    const { meta, links } = await headTags(`/p/${slug}`);
    expect(meta("og:title")[0]).toContain("روسيا");
    expect(meta("og:description")[0]).toMatch(/^إلى أي مدى/);
    expect(meta("og:locale")).toEqual(["ar_AR"]);
    expect(meta("og:locale:alternate")).toEqual(["en_US"]);
    expect(meta("og:type")).toEqual(["article"]);
    expect(meta("og:url")).toEqual([`${publicUrl}/p/${slug}?lang=ar`]);
    expect(meta("twitter:card")).toEqual(["summary_large_image"]);
    expect(meta("og:image")[0]).toMatch(new RegExp(`^${publicUrl}/p/${slug}/opengraph-image`));
    expect(links("canonical")).toEqual([expect.objectContaining({ href: `${publicUrl}/p/${slug}?lang=ar` })]);
    const alternates = links("alternate");
    expect(alternates.filter((l) => l.hreflang).map((l) => [l.hreflang, l.href])).toEqual([
      ["ar", `${publicUrl}/p/${slug}?lang=ar`],
      ["en", `${publicUrl}/p/${slug}?lang=en`],
      ["x-default", `${publicUrl}/p/${slug}`],
    ]);
    expect(alternates.filter((l) => l.type === "application/atom+xml").map((l) => l.href)).toEqual([`${publicUrl}/api/v1/posts/${postId}/feed.atom`]);
    // The English version names itself canonical, in English.
    const english = await headTags(`/p/${slug}?lang=en`, "en");
    expect(english.meta("og:locale")).toEqual(["en_US"]);
    expect(english.links("canonical")[0]!.href).toBe(`${publicUrl}/p/${slug}?lang=en`);
  });

  it("gives the scenario page its own tags, image and feed", async () => {
    const { meta, links, html } = await headTags(`/p/${slug}/s/${shownId}`);
    expect(meta("og:title")).toEqual(["هدنة طويلة مقابل رفع العقوبات"]);
    expect(meta("og:description")[0]).toContain("نص السيناريو");
    expect(meta("og:url")).toEqual([`${publicUrl}/p/${slug}/s/${shownId}`]);
    expect(meta("og:image")[0]).toMatch(new RegExp(`^${publicUrl}/p/${slug}/s/${shownId}/opengraph-image`));
    expect(meta("twitter:card")).toEqual(["summary_large_image"]);
    expect(links("canonical")[0]!.href).toBe(`${publicUrl}/p/${slug}/s/${shownId}`);
    expect(links("alternate").find((l) => l.type === "application/atom+xml")!.href).toBe(`${publicUrl}/api/v1/scenarios/${shownId}/feed.atom`);
    expect(html).toContain(`href="/api/v1/scenarios/${shownId}/feed.atom"`);
  });

  it("gives the home page the site's tags, image and feed", async () => {
    const { meta, links } = await headTags("/", "en");
    expect(meta("og:title")).toEqual(["Mizan"]);
    expect(meta("og:locale")).toEqual(["en_US"]);
    expect(meta("og:image")[0]).toMatch(new RegExp(`^${publicUrl}/opengraph-image`));
    expect(links("alternate").find((l) => l.type === "application/atom+xml")!.href).toBe(`${publicUrl}/api/v1/feed.atom?lang=en`);
  });

  it("renders the post's and the scenario's image as a 1200 × 630 PNG, and none for a hidden scenario", async () => {
    for (const page of [`/p/${slug}`, `/p/${slug}/s/${shownId}`, "/"]) {
      const image = new URL((await headTags(page)).meta("og:image")[0]!);
      const response = await fetch(server.url + image.pathname + image.search);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await response.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
      expect(png.length).toBeGreaterThan(10_000);
      expect(png.length).toBeLessThan(1_000_000);
    }
    expect((await fetch(`${server.url}/p/${slug}/s/${hiddenId}/opengraph-image`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/${slug}/s/${hiddenId}`)).status).toBe(404);
  });
});

describe("indexing", () => {
  it("lists the seed post and its visible scenario in the sitemap, never the hidden one", async () => {
    const response = await fetch(server.url + "/sitemap.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`<loc>${publicUrl}/p/${slug}?lang=ar</loc>`);
    expect(xml).toContain(`hreflang="en" href="${publicUrl}/p/${slug}?lang=en"`);
    expect(xml).toContain(`<loc>${publicUrl}/p/${slug}/s/${shownId}</loc>`);
    expect(xml).not.toContain(hiddenId);
  });

  it("keeps crawlers out of moderation, the API, settings and notifications", async () => {
    const text = await (await fetch(server.url + "/robots.txt")).text();
    for (const path of ["/mod", "/api", "/settings", "/notifications"]) expect(text).toContain(`Disallow: ${path}\n`);
    expect(text).toContain(`Sitemap: ${publicUrl}/sitemap.xml`);
  });

  it("serves the post's feed from the real server without the hidden scenario", async () => {
    const feed = parseAtom(await (await fetch(`${server.url}/api/v1/posts/${postId}/feed.atom`)).text());
    expect(feed.lang).toBe("ar");
    expect(feed.entries.map((e) => e.link)).toContain(`${publicUrl}/p/${slug}/s/${shownId}`);
    expect(feed.entries.some((e) => e.id.endsWith(hiddenId))).toBe(false);
  });
});

describe.skipIf(!hasBrowser)("the feed link on the pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  for (const locale of ["ar", "en"] as const) {
    for (const viewport of ["mobile", "desktop"] as Viewport[]) {
      it(`shows a visible, accessible feed link on the post page in ${locale} at ${viewport} width`, async () => {
        const page = await openPage(browser, locale, viewport);
        await page.goto(`${server.url}/p/${slug}`);
        const link = page.locator("a[data-feed-link]");
        expect(await link.isVisible()).toBe(true);
        expect(await link.getAttribute("href")).toBe(`/api/v1/posts/${postId}/feed.atom`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await expectAccessible(page);
        await link.scrollIntoViewIfNeeded();
        await screenshot(page, `feed-link-${locale}-${viewport}`);
        await page.context().close();
      });
    }
  }
});
