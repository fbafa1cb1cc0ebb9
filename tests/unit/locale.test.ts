import { describe, expect, it } from "vitest";
import { resolveLocale } from "@/lib/i18n/locale";

describe("resolveLocale", () => {
  it("defaults to Arabic", () => {
    expect(resolveLocale(undefined, null)).toBe("ar");
    expect(resolveLocale(undefined, "fr-FR,de;q=0.8")).toBe("ar");
  });

  it("follows Accept-Language by quality", () => {
    expect(resolveLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(resolveLocale(undefined, "fr;q=1, en;q=0.5, ar;q=0.8")).toBe("ar");
    expect(resolveLocale(undefined, "ar-EG")).toBe("ar");
  });

  it("puts the person's choice first", () => {
    expect(resolveLocale("en", "ar")).toBe("en");
    expect(resolveLocale("ar", "en")).toBe("ar");
  });

  it("ignores a cookie it does not know", () => {
    expect(resolveLocale("xx", "en")).toBe("en");
  });
});
