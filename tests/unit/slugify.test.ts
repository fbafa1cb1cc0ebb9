import { describe, expect, it } from "vitest";
import { slugify } from "@/lib/forum/slugs";

describe("slugify", () => {
  it("keeps Latin and Arabic letters, drops diacritics, punctuation and case", () => {
    expect(slugify("Russia's Balance: 2026 & Beyond!")).toBe("russias-balance-2026-beyond");
    expect(slugify("إلى متى تستطيع روسيا الموازنة؟")).toBe("إلى-متى-تستطيع-روسيا-الموازنة");
    expect(slugify("مُـــوازَنة")).toBe("موازنة");
    expect(slugify("!!! ???")).toBe("post");
    expect(slugify("Café Déjà")).toBe("cafe-deja");
    expect(slugify("Russia’s ١٢ months")).toBe("russias-١٢-months");
    expect([...slugify("word ".repeat(100))].length).toBeLessThanOrEqual(80);
  });
});
