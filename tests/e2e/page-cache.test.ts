import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers } from "@/bench/support/members";
import { api, signInForCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";
let server: RunningServer;
let token: string;
let scenarioPath: string;
let scenarioId: string;

beforeAll(async () => {
  // A long TTL, so that only an invalidation (not the clock) can end a kept page during a test.
  server = await startServer({ env: { MIZAN_PAGE_CACHE_MS: "60000" } });
  token = (await createMembers(server.url, 1, "cache"))[0]!;
  const client = api(server.url + "/api/v1");
  const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
  const created = await client.post(`/posts/${postId}/scenarios`, { title: "A cached scenario", body: "Read by many.", x: 30, y: 70 }, { token });
  scenarioId = created.body.scenario.id;
  scenarioPath = `/p/${slug}/s/${scenarioId}`;
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers: { "accept-language": "en", ...headers } });
  const html = await response.text();
  const policy = response.headers.get("content-security-policy") ?? "";
  return {
    status: response.status,
    html,
    cache: response.headers.get("x-mizan-cache"),
    policyNonce: /'nonce-([^']+)'/.exec(policy)?.[1],
    nonces: new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1])),
    link: response.headers.get("link") ?? "",
  };
}

describe("the anonymous-reader page cache", () => {
  it("serves a kept page with a fresh nonce that matches its own CSP header", async () => {
    const first = await page(`/p/${slug}?fresh=nonce`);
    const second = await page(`/p/${slug}?fresh=nonce`);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.policyNonce).toBeTruthy();
    expect(second.policyNonce).not.toBe(first.policyNonce);
    expect([...second.nonces]).toEqual([second.policyNonce]);
    expect(second.html).not.toContain(first.policyNonce!);
    expect(second.link).not.toContain(first.policyNonce!);
    expect(second.html.length).toBe(first.html.length);
  });

  it("never serves a signed-in member a kept page, nor keeps theirs", async () => {
    await page(`/p/${slug}?who=member`);
    expect((await page(`/p/${slug}?who=member`)).cache).toBe("hit");
    const cookie = await signInForCookie(server.url, "cache0@bench.test", "benchmark password");
    const member = await page(`/p/${slug}?who=member`, { cookie });
    expect(member.cache).toBeNull();
    const accountMenu = '<a class="rounded-full px-2.5 py-1.5 text-muted hover:text-ink" href="/settings">';
    expect(member.html).toContain(accountMenu);
    const anonymous = await page(`/p/${slug}?who=member`);
    expect(anonymous.cache).toBe("hit");
    expect(anonymous.html).not.toContain(accountMenu);
  });

  it("drops kept pages when a reply is posted", async () => {
    await page(scenarioPath);
    expect((await page(scenarioPath)).cache).toBe("hit");
    const reply = await api(server.url + "/api/v1").post(`/scenarios/${scenarioId}/replies`, { body: "A reply the next reader sees at once." }, { token });
    expect(reply.status).toBe(201);
    const after = await page(scenarioPath);
    expect(after.cache).toBe("miss");
    expect(after.html).toContain("A reply the next reader sees at once.");
  });

  it("drops kept pages when a member follows, which no live event announces", async () => {
    // The rendered count, not the plural forms the client components get as messages.
    const followers = (html: string) => {
      const shown = />(No followers|(\d+) followers?)</.exec(html);
      return shown?.[2] ? Number(shown[2]) : shown ? 0 : NaN;
    };
    const [reader] = await createMembers(server.url, 1, "follower");
    const before = await page(scenarioPath);
    expect((await page(scenarioPath)).cache).toBe("hit");
    expect((await api(server.url + "/api/v1").put(`/follows/scenario/${scenarioId}`, {}, { token: reader })).status).toBe(200);
    const after = await page(scenarioPath);
    expect(after.cache).toBe("miss");
    expect(followers(after.html)).toBe(followers(before.html) + 1);
  });

  it("keeps Arabic and English pages apart, by cookie or Accept-Language", async () => {
    const arabic = await page(`/p/${slug}?lang-test=1`, { "accept-language": "ar" });
    const english = await page(`/p/${slug}?lang-test=1`, { "accept-language": "en" });
    const byCookie = await page(`/p/${slug}?lang-test=1`, { "accept-language": "ar", cookie: "mizan-locale=en" });
    expect([arabic.cache, english.cache, byCookie.cache]).toEqual(["miss", "miss", "hit"]);
    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(english.html).toMatch(/<html lang="en" dir="ltr"/);
    expect(byCookie.html).toMatch(/<html lang="en" dir="ltr"/);
  });

  it("leaves React navigation requests and other cookies alone", async () => {
    expect((await page(`/p/${slug}`, { rsc: "1" })).cache).toBeNull();
    expect((await page(`/p/${slug}`, { cookie: "something=else" })).cache).toBeNull();
    expect((await page("/signin")).cache).toBeNull();
  });
});
