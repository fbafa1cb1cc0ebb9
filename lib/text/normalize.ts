import { z } from "zod";
import { markdownComplexityProblem } from "./markdown-limits";

// \s already covers U+FEFF; the others are invisible and let "empty" text slip past a plain trim().
const EDGE_SPACE = /^[\s\u200B\u200C\u200D\u2060\uFEFF]+|[\s\u200B\u200C\u200D\u2060\uFEFF]+$/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TASHKEEL_AND_TATWEEL = /[\u064B-\u065F\u0670\u0640]/g;
const ALEF_VARIANTS = /[\u0623\u0625\u0622\u0671]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Canonical form for storage: NFC, "\n" line endings, no invisible padding. Tatweel is content and is kept. */
export function normalizeText(input: string): string {
  return input.normalize("NFC").replace(/\r\n?/g, "\n").replace(EDGE_SPACE, "");
}

/** True for NUL and other C0 controls except \t \n \r, and for lone UTF-16 surrogates (not valid Unicode). */
export function hasForbiddenCharacters(input: string): boolean {
  return CONTROL.test(input) || LONE_SURROGATE.test(input);
}

/** Length as users perceive it more closely than UTF-16 units: an emoji outside the BMP counts once. */
export function countCodePoints(input: string): number {
  let count = 0;
  for (const _ of input) count++;
  return count;
}

function describeCharacters(count: number): string {
  return `${count} character${count === 1 ? "" : "s"}`;
}

/** Zod schema for user-authored text: rejects forbidden characters, normalises, then bounds code-point length. */
export function userText(min: number, max: number) {
  return z
    .string()
    .refine((value) => !hasForbiddenCharacters(value), { message: "contains invalid characters", abort: true })
    .overwrite(normalizeText)
    .refine((value) => countCodePoints(value) >= min, { message: `must be at least ${describeCharacters(min)}` })
    .refine((value) => countCodePoints(value) <= max, { message: `must be at most ${describeCharacters(max)}` });
}

/** userText for Markdown bodies: also refused, before any parsing, when its nesting or amount of markup passes the renderer's bounds. */
export function markdownText(min: number, max: number) {
  return userText(min, max).superRefine((value, ctx) => {
    const problem = markdownComplexityProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * Comparison key for search and duplicate detection ONLY; never display or store it as the text itself, since it
 * discards vowels, hamza and letter distinctions the author chose. NFKC also folds Arabic presentation forms and
 * ligatures (e.g. "ﻻ" to "لا") so visually identical input yields the same key.
 */
export function normalizeArabic(input: string): string {
  return input
    .normalize("NFKC")
    .replace(TASHKEEL_AND_TATWEEL, "")
    .replace(ALEF_VARIANTS, "\u0627")
    .replace(/\u0649/g, "\u064A")
    .replace(/\u0629/g, "\u0647")
    .replace(ZERO_WIDTH, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
