import { shapedWidth, type CardWeight } from "./card-fonts";

/**
 * Lays out a title for the preview image in lines the renderer draws as they are. The renderer (satori) shapes
 * Arabic when it draws but measures letter by letter, so it leaves holes after each Arabic word and cannot lay
 * words right to left. Here each word is measured shaped (fontkit), the words are put in lines in reading order
 * (a run of left-to-right words inside Arabic stays one piece, in its own order), and at most `maxLines` are
 * kept, the last ending in an ellipsis when the text is longer.
 */
/** A piece of a line; `joined`: no space before it (punctuation against its word). */
export type Piece = { text: string; width: number; joined: boolean };
export type TextLayout = { rtl: boolean; lines: Piece[][]; gap: number };

const arabic = /\p{Script=Arabic}/u;
const strong = /[\p{Script=Arabic}\p{Script=Latin}]/u;

/** Right to left when the first letter with a direction is Arabic (the first-strong rule of `dir="auto"`). */
export function isRightToLeft(text: string): boolean {
  const first = Array.from(text).find((char) => strong.test(char));
  return first !== undefined && arabic.test(first);
}

type Word = { text: string; joined: boolean };

const mirrored: Record<string, string> = { "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "«": "»", "»": "«", "<": ">", ">": "<" };
/** Punctuation around an Arabic word, as it shows right to left: mirrored brackets, in visual order. */
const rightToLeftMarks = (marks: string) => Array.from(marks, (c) => mirrored[c] ?? c).reverse().join("");
const around = /^([^\p{L}\p{N}\p{Script=Arabic}]*)(.*?)([^\p{L}\p{N}\p{Script=Arabic}]*)$/u;

/**
 * The pieces of a text in reading order. Right to left: consecutive non-Arabic words are one piece (joined by
 * no-break spaces) so they read left to right, and the Latin punctuation around an Arabic word is a piece of
 * its own, joined to the word, because the renderer would put it on the wrong side.
 */
function piecesOf(text: string, rtl: boolean): Word[] {
  const words = text.split(" ").filter(Boolean);
  if (!rtl) return words.map((word) => ({ text: word, joined: false }));
  const pieces: Word[] = [];
  let latinRun = false;
  for (const word of words) {
    const latin = !arabic.test(word) && strong.test(word);
    if (latin && latinRun) pieces[pieces.length - 1]!.text += `\u00a0${word}`;
    else if (latin) pieces.push({ text: word, joined: false });
    else {
      const [, before = "", core = "", after = ""] = around.exec(word) ?? [];
      if (before) pieces.push({ text: rightToLeftMarks(before), joined: false });
      if (core) pieces.push({ text: core, joined: before !== "" });
      if (after) pieces.push({ text: rightToLeftMarks(after), joined: before !== "" || core !== "" });
    }
    latinRun = latin;
  }
  return pieces;
}

export function layoutText(text: string, options: { fontSize: number; weight: CardWeight; width: number; maxLines: number }): TextLayout {
  const { fontSize, weight, width, maxLines } = options;
  const rtl = isRightToLeft(text);
  const gap = shapedWidth(" ", fontSize, weight);
  const measure = (word: Word): Piece => ({ ...word, width: Math.ceil(shapedWidth(word.text, fontSize, weight)) });
  const ellipsis = measure({ text: "…", joined: true });
  const spaceBefore = (piece: Piece, line: Piece[]) => (line.length > 0 && !piece.joined ? gap : 0);
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const raw of piecesOf(text, rtl)) {
    const piece = measure(raw);
    if (line.length > 0 && !piece.joined && used + gap + piece.width > width) {
      lines.push(line);
      line = [];
      used = 0;
      if (lines.length === maxLines) {
        const last = lines[maxLines - 1]!;
        // The last kept line ends in an ellipsis, dropping words until it fits.
        while (last.length > 1 && last.reduce((sum, p) => sum + p.width + gap, 0) + ellipsis.width > width) last.pop();
        last.push(ellipsis);
        return { rtl, lines, gap };
      }
    }
    used += spaceBefore(piece, line) + piece.width;
    line.push(piece);
  }
  if (line.length > 0) lines.push(line);
  return { rtl, lines, gap };
}
