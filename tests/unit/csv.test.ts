import { describe, expect, it } from "vitest";
import { csvRow } from "@/lib/text/csv";

describe("csvRow", () => {
  it("leaves plain fields alone and joins them with commas", () => {
    expect(csvRow(["a", "b c", "", "ميزان"])).toBe("a,b c,,ميزان");
  });

  it("quotes fields with commas, quotes or line breaks, doubling quotes", () => {
    expect(csvRow(['say "hi"', "one,two", "line\nbreak", "cr\rlf"])).toBe('"say ""hi""","one,two","line\nbreak","cr\rlf"');
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvRow(["=HYPERLINK(\"x\")", "+1", "-2", "@cmd", "\tx", "a=b"])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@cmd,'\tx,a=b`);
  });
});
