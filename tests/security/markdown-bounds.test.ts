import { describe, expect, it } from "vitest";
import { RateLimited, ValidationFailed } from "@/lib/errors";
import { previewMarkdown } from "@/lib/forum/preview";
import { markdownLimits, markdownComplexityProblem } from "@/lib/text/markdown-limits";
import { createActor } from "../support/actors";

/** The shapes that made micromark/mdast recurse per level or take more than linear time, at the longest body. */
const refused: Record<string, string> = {
  "nested list markers (finding 1)": "- ".repeat(4_000),
  "nested block quotes": "> ".repeat(10_000),
  "lists inside quotes": "- > ".repeat(5_000),
  "nested ordered lists": "1. ".repeat(6_000),
  "lists nested by indentation": Array.from({ length: 400 }, (_, i) => `${" ".repeat(i * 2)}- a`).join("\n"),
  "open link brackets": "[".repeat(20_000),
  "unclosed links": "[a](".repeat(5_000),
  "open image brackets": "![".repeat(10_000),
  "emphasis openers": "*a ".repeat(6_000),
  "mixed delimiters": "*_".repeat(10_000),
  "deep inline HTML": "<a>".repeat(6_000),
  "many-column table": `${"|a".repeat(2_500)}\n${"|-".repeat(2_500)}\n`,
  "wide table padded over many rows": `|${"a|".repeat(100)}\n|${"-|".repeat(100)}\n${"|\n".repeat(1_000)}`,
  "thousands of one-line paragraphs": "a\n\n".repeat(3_000),
  "thousands of hard breaks": "a  \n".repeat(2_500),
  "thousands of link references": `[a]: /b\n\n${"[x][a] ".repeat(1_300)}`,
  "thousands of autolinks": "www.a.test ".repeat(1_500),
  "thousands of escapes": "\\*".repeat(5_000),
};

describe("Markdown nesting bounds", () => {
  for (const [name, source] of Object.entries(refused)) {
    it(`refuses ${name} before parsing`, () => {
      expect(markdownComplexityProblem(source)).not.toBeNull();
    });
  }

  it("accepts ordinary Markdown, nesting within the bounds and deep nesting inside code fences", () => {
    const ordinary = "# Title\n\n- a\n  - b\n    - c\n\n> quote **bold** _em_ [link](https://x.test)\n\n|a|b|\n|-|-|\n|1|2|\n";
    expect(markdownComplexityProblem(ordinary)).toBeNull();
    expect(markdownComplexityProblem("- ".repeat(markdownLimits.blockDepth))).toBeNull();
    expect(markdownComplexityProblem("[".repeat(markdownLimits.bracketDepth))).toBeNull();
    expect(markdownComplexityProblem(`\`\`\`\n${"- ".repeat(1_000)}\n\`\`\`\n`)).toBeNull();
    // 20 KB of prose with some bold, code and a link in every paragraph.
    const prose = `${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(5)}**Bold**, \`code\` and [a link](https://x.test).\n\n`;
    expect(markdownComplexityProblem(prose.repeat(Math.floor(20_000 / prose.length)))).toBeNull();
  });

  it("answers the 8 KB nested-list body from the issue with validation_failed, not a stack overflow", async () => {
    const member = await createActor();
    const error = await previewMarkdown(member, { body: "- ".repeat(4_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details[0]!.message).toMatch(/deeper than 16 levels/);
  });
});

describe("POST /preview", () => {
  it("is rate limited per member like a write", async () => {
    const member = await createActor();
    for (let i = 0; i < 60; i++) await previewMarkdown(member, { body: `text ${i}` });
    await expect(previewMarkdown(member, { body: "one more" })).rejects.toBeInstanceOf(RateLimited);
    const other = await createActor();
    await expect(previewMarkdown(other, { body: "another member" })).resolves.toEqual({ html: "<p>another member</p>" });
  });
});
