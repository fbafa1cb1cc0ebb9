import { describe, expect, it } from "vitest";
import { countCodePoints, hasForbiddenCharacters, normalizeArabic, normalizeText, userText } from "@/lib/text/normalize";

describe("normalizeText", () => {
  it.each([
    ["whitespace only", " \t\n\r\n\u00A0\u3000 ", ""],
    ["zero-width only", "\u200B\u200C\u200D\u2060\uFEFF", ""],
    ["mixed invisible padding", "\uFEFF \u200B مرحبا \u200D\n", "مرحبا"],
    ["CRLF", "a\r\nb\rc\n", "a\nb\nc"],
    ["NFC", "e\u0301", "\u00E9"],
    ["tatweel kept", "كـــتاب", "كـــتاب"],
    ["inner zero-width kept", "می\u200Cخواهم", "می\u200Cخواهم"],
    ["inner blank lines kept", "a\n\n\nb", "a\n\n\nb"],
  ])("%s", (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("hasForbiddenCharacters", () => {
  it.each(["a\u0000b", "\u0001", "\u0008", "\u000B", "\u000C", "\u001B[31m", "\u001F", "\uD800", "a\uDC00", "\uDE00\uD83D"])(
    "rejects %j",
    (input) => {
      expect(hasForbiddenCharacters(input)).toBe(true);
    },
  );

  it.each(["", "tab\there", "line\nbreak\r\n", "😀", "👍🏽 مرحبا", "\u200D", "\u007F"])("accepts %j", (input) => {
    expect(hasForbiddenCharacters(input)).toBe(false);
  });
});

describe("countCodePoints", () => {
  it("counts surrogate pairs once", () => {
    expect(countCodePoints("😀")).toBe(1);
    expect("😀".length).toBe(2);
    expect(countCodePoints("👍🏽")).toBe(2);
    expect(countCodePoints("مرحبا")).toBe(5);
  });
});

describe("userText", () => {
  const title = userText(3, 10);

  const messagesOf = (value: unknown) => {
    const result = title.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it("returns normalised text", () => {
    expect(title.parse("  \u200Bسؤال\r\nجديد  ")).toBe("سؤال\nجديد");
  });

  it("rejects text that is too short after normalisation", () => {
    expect(messagesOf("   ab   ")).toEqual(["must be at least 3 characters"]);
    expect(messagesOf("\u200B\u200B\u200B\u200B")).toEqual(["must be at least 3 characters"]);
    expect(userText(1, 5).safeParse(" ").error?.issues[0]?.message).toBe("must be at least 1 character");
  });

  it("rejects text that is too long", () => {
    expect(messagesOf("a".repeat(11))).toEqual(["must be at most 10 characters"]);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(title.parse("😀😀😀")).toBe("😀😀😀");
    expect(title.safeParse("😀".repeat(10)).success).toBe(true);
    expect(messagesOf("😀".repeat(11))).toEqual(["must be at most 10 characters"]);
  });

  it("rejects forbidden characters with one clear message", () => {
    expect(messagesOf("abc\u0000def")).toEqual(["contains invalid characters"]);
    expect(messagesOf("abc\uD800def")).toEqual(["contains invalid characters"]);
    expect(messagesOf("\u0007")).toEqual(["contains invalid characters"]);
  });

  it("rejects non-strings", () => {
    expect(title.safeParse(42).success).toBe(false);
    expect(title.safeParse(undefined).success).toBe(false);
  });
});

describe("normalizeArabic", () => {
  it.each([
    ["tashkeel", "مُحَمَّدٌ", "محمد"],
    ["superscript alef", "هٰذا", "هذا"],
    ["tatweel", "كـــتاب", "كتاب"],
    ["alef forms", "أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"],
    ["alef maksura", "مصطفى", "مصطفي"],
    ["taa marbuta", "مدرسة", "مدرسه"],
    ["Latin case", "Scenario MODEL", "scenario model"],
    ["whitespace", "  a \n\t b\u00A0 c  ", "a b c"],
    ["presentation forms", "ﻻ", "لا"],
    ["zero-width", "ab\u200Bc", "abc"],
  ])("%s", (_, input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it("gives spelling variants the same key", () => {
    expect(normalizeArabic("إِسْتِراتِيجِيَّة الأُولى")).toBe(normalizeArabic("استراتيجيه الاولي"));
  });

  it("is idempotent", () => {
    const once = normalizeArabic("  أَهْلاً   بِكُم في مِيزان ");
    expect(normalizeArabic(once)).toBe(once);
  });
});
