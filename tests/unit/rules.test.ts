import { describe, expect, it } from "vitest";
import { draftKeyPattern, replyDraftKey, scenarioDraftKey } from "@/lib/rules/draft-keys";
import { isScenarioSort, scenarioSorts } from "@/lib/rules/scenario-sorts";
import { textLength, textLimits, withinLimit } from "@/lib/rules/text-limits";

describe("the rules the browser shares with the server", () => {
  it("counts length as the server does: code points after trimming", () => {
    expect(textLength("  روسيا  ")).toBe(5);
    expect(textLength("👍🏽")).toBe(2);
    expect(withinLimit("ab", textLimits.scenarioTitle)).toBe(false);
    expect(withinLimit("abc", textLimits.scenarioTitle)).toBe(true);
    expect(withinLimit("x".repeat(10_001), textLimits.replyBody)).toBe(false);
  });

  it("makes draft keys the drafts API accepts, distinct per scenario and parent", () => {
    const keys = [scenarioDraftKey("post_A-1"), replyDraftKey("scn1", null), replyDraftKey("scn1", "rep2")];
    for (const key of keys) expect(key).toMatch(draftKeyPattern);
    expect(new Set(keys).size).toBe(3);
    expect("post:1").not.toMatch(draftKeyPattern);
  });

  it("knows the sorts, best first", () => {
    expect(scenarioSorts[0]).toBe("best");
    expect(isScenarioSort("probability")).toBe(true);
    expect(isScenarioSort("oldest")).toBe(false);
  });
});
