import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexemeLiteral, searchDocument } from "@/lib/search/document";
import { searchableText } from "@/lib/search/markdown-text";
import { arabicPrefixes, documentKeys, foldWord, queryKeys, queryPrefix, wordSpans } from "@/lib/search/normalize";
import { highlightTerms, parseSearchQuery, toIndexTsquery, toTsquery } from "@/lib/search/query";
import { snippetAround } from "@/lib/search/snippet";
import { normalizeArabic } from "@/lib/text/normalize";

/** Whether a query word finds a document word: the test the database makes, key against key. */
const finds = (query: string, word: string) => queryKeys(query).some((key) => documentKeys(word).includes(key));

describe("foldWord", () => {
  it.each([
    ["أحمد", "احمد", "alef with hamza above"],
    ["إسلام", "اسلام", "alef with hamza below"],
    ["آسيا", "اسيا", "alef with madda"],
    ["ٱلقدس", "القدس", "alef wasla"],
    ["مستشفى", "مستشفي", "alef maqsura"],
    ["مدرسة", "مدرسه", "ta marbuta"],
    ["مَدْرَسَةٌ", "مدرسه", "diacritics"],
    ["ٰهذا", "هذا", "superscript alef"],
    ["روســـيا", "روسيا", "tatweel"],
    ["رو\u200Cسيا", "روسيا", "zero-width characters"],
    ["ﻻ", "لا", "presentation forms (NFKC)"],
    ["٢٠٢٦", "2026", "Arabic-Indic digits"],
    ["۱۴۰۳", "1403", "Eastern Arabic-Indic digits"],
    ["Russia's", "russias", "case and apostrophes"],
    ["Café", "cafe", "Latin accents"],
  ])("folds %s to %s (%s)", (input, expected) => {
    expect(foldWord(input)).toBe(expected);
  });

  it("applies the same Arabic rules as normalizeArabic, to any word of Arabic letters and marks", () => {
    const arabic = fc.string({ unit: fc.integer({ min: 0x0621, max: 0x0670 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(arabic, (word) => foldWord(word) === normalizeArabic(word).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))));
  });
});

describe("Arabic prefixes", () => {
  it("lists conjunction, preposition and article combinations, longest first", () => {
    expect(arabicPrefixes).toEqual(expect.arrayContaining(["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وبال"]));
    expect(arabicPrefixes).not.toContain("بل");
    const lengths = arabicPrefixes.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it.each([
    ["روسيا", "وروسيا"],
    ["روسيا", "لروسيا"],
    ["روسيا", "بروسيا"],
    ["روسيا", "فروسيا"],
    ["روسيا", "كروسيا"],
    ["روسيا", "بالروسيا"],
    ["سلام", "السلام"],
    ["سلام", "والسلام"],
    ["سلام", "للسلام"],
    ["سلام", "وللسلام"],
    ["السلام", "فالسلام"],
    ["وروسيا", "روسيا"],
    ["والسلام", "السلام"],
  ])("%s finds %s", (query, word) => {
    expect(finds(query, word)).toBe(true);
  });

  it("leaves a stem of at least two letters in a document and three in a query", () => {
    expect(documentKeys("وهو")).toEqual(["وهو", "هو"]);
    expect(documentKeys("ول")).toEqual(["ول"]);
    expect(queryKeys("الله")).toEqual(["الله"]);
    expect(finds("الله", "له")).toBe(false);
  });

  it("does not make different words match", () => {
    expect(finds("روسيا", "بريطانيا")).toBe(false);
    expect(finds("سلام", "اسلام")).toBe(false);
  });
});

describe("English", () => {
  it.each([
    ["negotiations", "negotiate"],
    ["negotiate", "negotiations"],
    ["Escalation", "escalating"],
    ["sanctions", "sanction"],
    ["Russia", "Russia's"],
  ])("%s finds %s (Porter stems)", (query, word) => {
    expect(finds(query, word)).toBe(true);
  });

  it("indexes the word itself beside its stem, for partial words", () => {
    expect(documentKeys("negotiations")).toEqual(["negoti", "negotiations"]);
    expect(queryPrefix("Negotia")).toBe("negotia");
  });

  it("does not stem words of other scripts or with digits", () => {
    expect(documentKeys("covid19")).toEqual(["covid19"]);
    expect(documentKeys("Россия")).toEqual(["россия"]);
  });
});

describe("wordSpans", () => {
  it("finds words with their offsets, keeping marks and inner apostrophes, across scripts", () => {
    const text = "«وروسيا» Russia's 'quoted' co-operation 𝐀b";
    expect(wordSpans(text).map((s) => s.word)).toEqual(["وروسيا", "Russia's", "quoted", "co", "operation", "𝐀b"]);
    for (const span of wordSpans(text)) expect(text.slice(span.start, span.end)).toBe(span.word);
  });

  it("skips words too long to be words", () => {
    expect(documentKeys("a".repeat(65))).toEqual([]);
  });
});

describe("searchDocument", () => {
  it("puts every key of a word at its position, weighted by field, fields apart", () => {
    expect(searchDocument([{ text: "وروسيا", weight: "A" }, { text: "talks", weight: "D" }])).toBe("'وروسيا':2A 'روسيا':2A 'talk':4 'talks':4");
  });

  it("quotes lexemes, escaping quotes and backslashes", () => {
    expect(lexemeLiteral("a'b\\c")).toBe("'a''b\\\\c'");
  });
});

describe("searchableText", () => {
  it("keeps what a reader sees of Markdown", () => {
    expect(searchableText("# Title\n\n**bold** [link text](https://x.test/a) ![alt](i.png) <b>x</b> `code`\n> quote\n- item")).toBe(
      "Title bold link text alt x code quote item",
    );
  });
});

describe("parseSearchQuery and toTsquery", () => {
  const tsquery = (q: string) => {
    const parsed = parseSearchQuery(q);
    return parsed && toTsquery(parsed, "exact");
  };

  it("normalises every word and keeps websearch syntax: phrases, -exclusion, or", () => {
    expect(tsquery("وروسيا")).toBe("('وروسيا' | 'روسيا')");
    expect(tsquery('"frozen conflict" -lingers')).toBe("('frozen' <-> 'conflict') & !'linger'");
    expect(tsquery("talks or negotiations")).toBe("('talk' | 'negoti')");
    expect(tsquery("co-operation")).toBe("'co' & 'oper'");
  });

  it("adds key prefixes in prefix mode, for words of three letters or more outside phrases", () => {
    const parsed = parseSearchQuery('negotia ab "frozen conflict"')!;
    expect(toTsquery(parsed, "prefix")).toBe("('negotia' | 'negotia':*) & 'ab' & ('frozen' <-> 'conflict')");
  });

  it("leaves the index only the words to look for: phrases unordered, exclusions aside, or kept", () => {
    const indexed = (q: string) => toIndexTsquery(parseSearchQuery(q)!, "exact");
    expect(indexed('"frozen conflict" -lingers')).toBe("('frozen' & 'conflict')");
    expect(indexed("talks or \"frozen conflict\"")).toBe("('talk' | ('frozen' & 'conflict'))");
    expect(indexed("وروسيا")).toBe(tsquery("وروسيا"));
  });

  it("finds nothing to search in operators and punctuation", () => {
    for (const q of ["", "   ", "-", '""', "or", "- or -", "-روسيا", "?!،"]) expect(parseSearchQuery(q)).toBeNull();
  });
});

describe("snippetAround", () => {
  it("marks the matches in the text as written, escapes the rest, and cuts around the first match", () => {
    const parsed = parseSearchQuery("روسيا")!;
    const text = `${"كلام ".repeat(60)}<b> وروسيا & لروسيا ${"بعد ".repeat(60)}`;
    const html = snippetAround([text], highlightTerms(parsed), "exact")!;
    expect(html).toMatch(/^…/);
    expect(html).toMatch(/…$/);
    expect(html).toContain("&lt;b&gt; <mark>وروسيا</mark> &amp; <mark>لروسيا</mark>");
    expect(html.length).toBeLessThan(400);
  });

  it("answers null when no text matches", () => {
    expect(snippetAround(["nothing here"], highlightTerms(parseSearchQuery("روسيا")!), "exact")).toBeNull();
  });
});
