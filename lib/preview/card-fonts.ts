import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

/**
 * The fonts of the link-preview images: IBM Plex Sans Arabic, the site's interface face, read from its
 * @fontsource package (WOFF files, which the image renderer reads; never a CDN). Each subset is its own family,
 * so the renderer falls back from one to the next glyph by glyph.
 */
const subsets = ["arabic", "latin", "latin-ext"] as const;
export const cardWeights = [400, 700] as const;
export type CardWeight = (typeof cardWeights)[number];
export const cardFontFamily = subsets.map((s) => `Plex ${s}`).join(", ");

type LoadedFont = { name: string; weight: CardWeight; data: Buffer; face: fontkit.Font };

const fontFile = (subset: string, weight: number) =>
  path.join(process.cwd(), "node_modules", "@fontsource", "ibm-plex-sans-arabic", "files", `ibm-plex-sans-arabic-${subset}-${weight}-normal.woff`);

let loaded: LoadedFont[] | undefined;
function fonts(): LoadedFont[] {
  loaded ??= subsets.flatMap((subset) =>
    cardWeights.map((weight) => {
      const data = readFileSync(fontFile(subset, weight));
      return { name: `Plex ${subset}`, weight, data, face: fontkit.create(data) as fontkit.Font };
    }),
  );
  return loaded;
}

/** The fonts as ImageResponse takes them. */
export function cardFonts(): { name: string; data: Buffer; weight: CardWeight; style: "normal" }[] {
  return fonts().map(({ name, data, weight }) => ({ name, data, weight, style: "normal" }));
}

/** The first face (subset) of this weight that has the character. */
function faceFor(char: string, weight: CardWeight): fontkit.Font | undefined {
  const codePoint = char.codePointAt(0)!;
  return fonts().find((f) => f.weight === weight && f.face.hasGlyphForCodePoint(codePoint))?.face;
}

/**
 * Only what these fonts can draw. A character none of them has (an emoji, another script) would make the
 * renderer fetch a font or an emoji image from the network, which a preview must never do.
 */
export function drawable(text: string): string {
  const faces = fonts().filter((f) => f.weight === 400);
  return Array.from(text)
    .filter((char) => /\s/.test(char) || faces.some((f) => f.face.hasGlyphForCodePoint(char.codePointAt(0)!)))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The shaped width of a piece of text (joined Arabic letters are narrower than the letters alone), each run of
 * characters measured with the subset that draws it, as the renderer falls back from one to the next.
 */
export function shapedWidth(text: string, fontSize: number, weight: CardWeight): number {
  const runs: { face: fontkit.Font; text: string }[] = [];
  for (const char of Array.from(text.replace(/\u00a0/g, " "))) {
    const face = faceFor(char, weight);
    if (!face) continue;
    const last = runs.at(-1);
    if (last?.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs.reduce((sum, run) => sum + (run.face.layout(run.text).advanceWidth * fontSize) / run.face.unitsPerEm, 0);
}
