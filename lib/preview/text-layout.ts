import { shapedWidth, type CardWeight } from "./card-fonts";

/**
 * Lays out a title for the preview image in lines the renderer draws as they are. The renderer (satori) shapes
 * Arabic when it draws but measures letter by letter, so it leaves holes after each Arabic word and cannot lay
 * words right to left. Here each word is measured shaped (fontkit), the words are put in lines in reading order
 * (a run of left-to-right words inside Arabic stays one piece, in its own order), and at most `maxLines` are
 * kept, the last ending in an ellipsis when the text is longer.
 */
export type Piece = { text: string; width: number };
export type TextLayout = { rtl: boolean; lines: Piece[][]; gap: number };

const arabic = /\p{Script=Arabic}/u;
const strong = /[\p{Script=Arabic}\p{Script=Latin}]/u;

/** Right to left when the first letter with a direction is Arabic (the first-strong rule of `dir="auto"`). */
export function isRightToLeft(text: string): boolean {
  const first = Array.from(text).find((char) => strong.test(char));
  return first !== undefined && arabic.test(first);
}

/** Words, with consecutive non-Arabic words of an Arabic text joined (no-break space) so they read left to right. */
function piecesOf(text: string, rtl: boolean): string[] {
  const words = text.split(" ").filter(Boolean);
  if (!rtl) return words;
  const pieces: string[] = [];
  let latinRun = false;
  for (const word of words) {
    const latin = !arabic.test(word) && strong.test(word);
    if (latin && latinRun) pieces[pieces.length - 1] += `\u00a0${word}`;
    else pieces.push(word);
    latinRun = latin;
  }
  return pieces;
}

export function layoutText(text: string, options: { fontSize: number; weight: CardWeight; width: number; maxLines: number }): TextLayout {
  const { fontSize, weight, width, maxLines } = options;
  const rtl = isRightToLeft(text);
  const gap = shapedWidth(" ", fontSize, weight);
  const measure = (piece: string): Piece => ({ text: piece, width: Math.ceil(shapedWidth(piece, fontSize, weight)) });
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const raw of piecesOf(text, rtl)) {
    const piece = measure(raw);
    if (line.length > 0 && used + gap + piece.width > width) {
      lines.push(line);
      line = [];
      used = 0;
      if (lines.length === maxLines) {
        const last = lines[maxLines - 1]!;
        // The last kept line ends in an ellipsis, dropping words until it fits.
        while (last.length > 1 && last.reduce((sum, p) => sum + p.width + gap, 0) + measure("…").width > width) last.pop();
        last.push(measure("…"));
        return { rtl, lines, gap };
      }
    }
    line.push(piece);
    used += (line.length > 1 ? gap : 0) + piece.width;
  }
  if (line.length > 0) lines.push(line);
  return { rtl, lines, gap };
}
