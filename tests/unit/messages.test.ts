import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/messages";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

describe("UI strings", () => {
  it("exist in Arabic and English for exactly the same keys", () => {
    expect(keysOf(messages.ar).sort()).toEqual(keysOf(messages.en).sort());
  });

  it("are never empty", () => {
    for (const locale of ["ar", "en"] as const) {
      for (const key of keysOf(messages[locale])) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale]);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}:${key}`).toBe(true);
      }
    }
  });
});
