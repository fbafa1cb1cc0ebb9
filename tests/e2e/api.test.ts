import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";
let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

describe("operations", () => {
  it("reports health", async () => {
    expect(await getJson("/api/health")).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
  });
});

describe("GET /api/v1/posts", () => {
  it("lists the seed post in the contract's shape", async () => {
    const { status, body } = await getJson("/api/v1/posts");
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    const post = body.posts[0];
    expect(post).toMatchObject({ slug, lang: "ar", dir: "rtl", scenarioCount: 0, locked: false });
    expect(typeof post.id).toBe("string");
    expect(post.html).toContain("<p>");
    expect(Object.keys(post.axes.x)).toEqual(expect.arrayContaining(["low", "high"]));
    expect(new Date(post.createdAt).toISOString()).toBe(post.createdAt);
  });

  it.each([["?limit=0"], ["?limit=201"], ["?limit=x"], ["?cursor=%%%"], ["?lang=fr"]])(
    "answers %s with a validation error",
    async (query) => {
      const { status, body } = await getJson(`/api/v1/posts${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.details.length).toBeGreaterThan(0);
    },
  );
});

describe("GET /api/v1/posts/{idOrSlug}", () => {
  it("reads the post by slug and by id, and in English", async () => {
    const bySlug = await getJson(`/api/v1/posts/${slug}`);
    expect(bySlug.status).toBe(200);
    const byId = await getJson(`/api/v1/posts/${bySlug.body.post.id}`);
    expect(byId.body.post.title).toBe(bySlug.body.post.title);
    const english = await getJson(`/api/v1/posts/${slug}?lang=en`);
    expect(english.body.post).toMatchObject({ lang: "en", dir: "ltr" });
    expect(english.body.post.axes.x.label).toBe("Diplomatic openness");
  });

  it("answers an unknown post with a JSON 404", async () => {
    const { status, body } = await getJson("/api/v1/posts/nothing-here");
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: expect.any(String), details: [] } });
  });
});

describe("pages", () => {
  it("speaks Arabic by default and English when the browser prefers it", async () => {
    const arabic = await (await fetch(server.url + "/")).text();
    expect(arabic).toMatch(/<html lang="ar" dir="rtl"/);
    const english = await (await fetch(server.url + "/", { headers: { "accept-language": "en-GB,en;q=0.9" } })).text();
    expect(english).toMatch(/<html lang="en" dir="ltr"/);
    const chosen = await (
      await fetch(server.url + "/", { headers: { "accept-language": "en", cookie: "mizan-locale=ar" } })
    ).text();
    expect(chosen).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("answers an unknown post page with a localized 404", async () => {
    const response = await fetch(server.url + "/p/nothing-here");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("الصفحة غير موجودة");
    const english = await fetch(server.url + "/p/nothing-here", { headers: { "accept-language": "en" } });
    expect(english.status).toBe(404);
    expect(await english.text()).toContain("Page not found");
  });

  it("sends security headers", async () => {
    const response = await fetch(server.url + `/p/${slug}`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("content security policy", () => {
  it("allows no inline script without this response's nonce", async () => {
    const response = await fetch(server.url + `/p/${slug}`);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await response.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
    const again = (await fetch(server.url + `/p/${slug}`)).headers.get("content-security-policy");
    expect(again).not.toBe(policy);
  });
});
