import { describe, expect, it } from "vitest";
import { excerptFromMarkdown } from "@/lib/text/excerpt";

describe("excerptFromMarkdown", () => {
  it("keeps blocks apart, so list items and paragraphs never run together", () => {
    expect(excerptFromMarkdown("أولًا:\n\n- واشنطن\n- تعميق الشراكة\n\n**نهاية**")).toBe("أولًا: واشنطن تعميق الشراكة نهاية");
  });

  it("drops Markdown syntax and image addresses", () => {
    expect(excerptFromMarkdown("# Title\n\nSee [the report](https://example.com) ![chart](https://x/y.png)")).toBe("Title See the report");
  });

  it("cuts long text at a word boundary with an ellipsis, counting characters not code units", () => {
    const long = Array.from({ length: 100 }, (_, i) => `كلمة${i}`).join(" ");
    const excerpt = excerptFromMarkdown(long, 50);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(51);
    expect(long.startsWith(excerpt.slice(0, -1))).toBe(true);
  });
});
