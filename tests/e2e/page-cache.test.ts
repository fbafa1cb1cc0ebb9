import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers } from "@/bench/support/members";
import { api, signInForCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";
const accountMenu = '<a class="rounded-full px-2.5 py-1.5 text-muted hover:text-ink" href="/settings">';
let server: RunningServer;
let token: string;
let scenarioPath: string;
let scenarioId: string;

beforeAll(async () => {
  // A long TTL, so that only an invalidation (not the clock) can end a kept page during a test.
  server = await startServer({ env: { MIZAN_PAGE_CACHE_MS: "60000", MIZAN_ADMIN_EMAILS: "cache-admin0@bench.test" } });
  token = (await createMembers(server.url, 1, "cache"))[0]!;
  await createMembers(server.url, 1, "cache-admin");
  await createMembers(server.url, 1, "voter");
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
    setCookies: response.headers.getSetCookie(),
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

  it("serves a signed-in member the shared render of a post page, and their own layer beside it", async () => {
    await page(`/p/${slug}?who=member`);
    expect((await page(`/p/${slug}?who=member`)).cache).toBe("hit");
    const cookie = await signInForCookie(server.url, "voter0@bench.test", "benchmark password");
    const member = await page(`/p/${slug}?who=member`, { cookie });
    expect(member.cache).toBe("shared");
    expect(member.html).not.toContain(accountMenu);
    expect(member.setCookies).toEqual([expect.stringMatching(/^mizan_member=1; Path=\/;/)]);
    // Once the browser has the hint, it is not sent again.
    expect((await page(`/p/${slug}?who=member`, { cookie: `${cookie}; mizan_member=1` })).setCookies).toEqual([]);

    // Their layer is read fresh: a vote shows in the next one, with the totals it made.
    const vote = await fetch(`${server.url}/api/v1/scenarios/${scenarioId}/vote`, {
      method: "PUT",
      headers: { cookie, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ value: 1 }),
    });
    expect(vote.status).toBe(200);
    const layer = await fetch(`${server.url}/api/v1/me/page?post=${encodeURIComponent(slug)}`, { headers: { cookie } });
    expect(layer.status).toBe(200);
    const { viewer, post, needsOwnRender } = await layer.json();
    expect(viewer.handle).toBe("voter0");
    expect(needsOwnRender).toBe(false);
    expect(post.votes).toEqual([{ scenarioId, myVote: 1, score: 1, up: 1, down: 0 }]);
    expect(post.may).toEqual({ propose: true, forecast: true, vote: true });
    expect((await fetch(`${server.url}/api/v1/me/page`)).status).toBe(401);
  });

  it("renders for the member what the shared render cannot show, and never keeps it", async () => {
    const cookie = await signInForCookie(server.url, "cache0@bench.test", "benchmark password");
    const own = await page(`/p/${slug}?who=own`, { cookie: `${cookie}; mizan_view=own` });
    const scenario = await page(`${scenarioPath}?who=member`, { cookie });
    const admin = await signInForCookie(server.url, "cache-admin0@bench.test", "benchmark password");
    const moderator = await page(`/p/${slug}?who=moderator`, { cookie: admin });
    for (const rendered of [own, scenario, moderator]) {
      expect(rendered.cache).toBeNull();
      expect(rendered.html).toContain(accountMenu);
    }
    const layer = await (await fetch(`${server.url}/api/v1/me/page?post=${encodeURIComponent(slug)}`, { headers: { cookie: admin } })).json();
    expect(layer.needsOwnRender).toBe(true);
    for (const path of [`/p/${slug}?who=own`, `${scenarioPath}?who=member`, `/p/${slug}?who=moderator`]) {
      const anonymous = await page(path);
      expect(anonymous.cache).toBe("miss");
      expect(anonymous.html).not.toContain(accountMenu);
    }
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
