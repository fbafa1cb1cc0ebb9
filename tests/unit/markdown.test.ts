import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/text/markdown";

describe("renderMarkdown", () => {
  it("renders paragraphs and emphasis", () => {
    expect(renderMarkdown("مرحبا **بكم**\n\nsecond")).toBe("<p>مرحبا <strong>بكم</strong></p>\n<p>second</p>");
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="#" style="color:red" onclick="alert(1)">x</a>',
  ])("leaves nothing executable from %s", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|data:text|style=/i);
  });
});
