import { describe, expect, it } from "vitest";
import { drawable } from "@/lib/preview/card-fonts";
import { isRightToLeft, layoutText } from "@/lib/preview/text-layout";

const texts = (layout: ReturnType<typeof layoutText>) => layout.lines.map((line) => line.map((piece) => piece.text));

describe("laying out preview text", () => {
  it("takes the direction from the first strong letter", () => {
    expect(isRightToLeft("«روسيا» and more")).toBe(true);
    expect(isRightToLeft("2026: Russia وروسيا")).toBe(false);
  });

  it("measures joined Arabic narrower than its letters alone, and wraps within the width", () => {
    const word = layoutText("تستطيع", { fontSize: 60, weight: 700, width: 1000, maxLines: 1 }).lines[0]![0]!;
    const letters = Array.from("تستطيع").reduce((sum, letter) => sum + layoutText(letter, { fontSize: 60, weight: 700, width: 1000, maxLines: 1 }).lines[0]![0]!.width, 0);
    expect(word.width).toBeLessThan(letters * 0.9);
    const layout = layoutText("إلى متى تستطيع روسيا الموازنة بين الانفتاح الدبلوماسي والتصعيد", { fontSize: 60, weight: 700, width: 500, maxLines: 10 });
    expect(layout.lines.length).toBeGreaterThan(1);
    for (const line of layout.lines) expect(line.reduce((sum, p) => sum + p.width, 0)).toBeLessThanOrEqual(500);
  });

  it("keeps Latin runs whole and puts punctuation on the reading side, mirrored", () => {
    const layout = layoutText("قال (بوتين): Vladimir Putin نعم", { fontSize: 30, weight: 400, width: 2000, maxLines: 1 });
    // Right to left, the opening bracket shows as ")" on the word's right, and "):" as ":(" on its left.
    expect(texts(layout)).toEqual([["قال", ")", "بوتين", ":(", "Vladimir\u00a0Putin", "نعم"]]);
    expect(layout.lines[0]!.map((p) => p.joined)).toEqual([false, false, true, true, false, false]);
  });

  it("ends the last kept line with an ellipsis", () => {
    const layout = layoutText("one two three four five six seven eight nine ten", { fontSize: 40, weight: 400, width: 300, maxLines: 2 });
    expect(layout.lines).toHaveLength(2);
    expect(layout.lines[1]!.at(-1)!.text).toBe("…");
  });

  it("drops what the fonts cannot draw, so the renderer never fetches a font or an emoji", () => {
    expect(drawable("روسيا 🚀 Russia 中文  ok")).toBe("روسيا Russia ok");
  });
});
