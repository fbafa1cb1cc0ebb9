import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { cacheKeyOf, memberShareOf } from "@/lib/http/page-cache";
import { localeCookie } from "@/lib/i18n/locale";

const request = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;

describe("cacheKeyOf", () => {
  it("keys a public page by the resolved locale and the whole URL, query included", () => {
    expect(cacheKeyOf(request("/"))).toBe("ar /");
    expect(cacheKeyOf(request("/p/russia?sort=new", { "accept-language": "en-GB,en;q=0.9" }))).toBe("en /p/russia?sort=new");
    expect(cacheKeyOf(request("/u/layla", { cookie: `${localeCookie}=en` }))).toBe("en /u/layla");
  });

  it("lets the locale cookie win over Accept-Language, and falls back to Arabic", () => {
    expect(cacheKeyOf(request("/p/x", { cookie: `${localeCookie}=ar`, "accept-language": "en" }))).toBe("ar /p/x");
    expect(cacheKeyOf(request("/p/x", { "accept-language": "fr-FR" }))).toBe("ar /p/x");
  });

  it("renders for anyone with another cookie, such as a session", () => {
    expect(cacheKeyOf(request("/p/x", { cookie: "authjs.session-token=abc" }))).toBeNull();
    expect(cacheKeyOf(request("/p/x", { cookie: `${localeCookie}=en; other=1` }))).toBeNull();
  });

  it("renders every request that is not a full GET of a public reading page", () => {
    expect(cacheKeyOf(request("/p/x", {}, "POST"))).toBeNull();
    expect(cacheKeyOf(request("/p/x", {}, "HEAD"))).toBeNull();
    expect(cacheKeyOf(request("/settings"))).toBeNull();
    expect(cacheKeyOf(request("/signin?next=/p/x"))).toBeNull();
    expect(cacheKeyOf(request("/api/v1/posts"))).toBeNull();
    expect(cacheKeyOf(request("/pricing"))).toBeNull();
    expect(cacheKeyOf(request("/p/x?_rsc=1"))).toBeNull();
    for (const header of ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "next-url"]) {
      expect(cacheKeyOf(request("/p/x", { [header]: "1" }))).toBeNull();
    }
  });
});

describe("memberShareOf", () => {
  const session = "authjs.session-token=abc";
  it("shares the home page and a post page with a signed-in member, keyed as an anonymous reader of their language", () => {
    expect(memberShareOf(request("/p/russia?sort=new", { cookie: `${session}; ${localeCookie}=en` }))).toEqual({ locale: "en", url: "/p/russia?sort=new", key: "en /p/russia?sort=new" });
    expect(memberShareOf(request("/p/russia", { cookie: `__Secure-${session}; mizan_member=1`, "accept-language": "en" }))?.key).toBe("en /p/russia");
    expect(memberShareOf(request("/p/russia", { cookie: session }))?.key).toBe(cacheKeyOf(request("/p/russia")));
  });

  it("leaves everything else to its own render: no session, their own render asked for, other pages, navigations", () => {
    expect(memberShareOf(request("/p/russia"))).toBeNull();
    expect(memberShareOf(request("/p/russia", { cookie: `${session}; mizan_view=own` }))).toBeNull();
    expect(memberShareOf(request("/?lang=en", { cookie: session }))?.key).toBe("ar /?lang=en");
    for (const url of ["/p/russia/s/abc", "/u/layla", "/settings", "/p/russia?_rsc=1"]) expect(memberShareOf(request(url, { cookie: session }))).toBeNull();
    expect(memberShareOf(request("/p/russia", { cookie: session, rsc: "1" }))).toBeNull();
    expect(memberShareOf(request("/p/russia", { cookie: session }, "POST"))).toBeNull();
  });
});
