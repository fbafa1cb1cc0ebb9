import { stemmer } from "stemmer";

/**
 * Search keys: what a written word is matched by. A document word is indexed under every key it may be looked
 * for by (its folded form and, for Arabic, that form without each prefix it may carry; for English, its Porter
 * stem and its folded form); a query word is looked for under its own keys. The same functions build both
 * sides, so `روسيا` finds `وروسيا` and `لروسيا`, `أوكرانيا` finds `اوكرانيا`, and `negotiations` finds
 * `negotiate`. The database only compares the keys (a `tsvector` and a `tsquery` built here).
 */

/** One word of a text and where it stands, so a snippet can mark it in the text as written. */
export type WordSpan = { word: string; start: number; end: number };

const ARABIC_LETTERS = /^[\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF]+$/;
const ASCII_WORD = /^[a-z]+$/;
const COMBINING_MARKS = /\p{M}/gu;
/** Longer words are not words (hashes, base64); they are neither indexed nor looked for. */
const MAX_WORD_LENGTH = 64;
/**
 * What is left of an Arabic word once a prefix is taken off must be at least this long: two in a document
 * (و+هو is "and he"), three in a query, so that looking for الله does not also look for له.
 */
const MIN_DOCUMENT_STEM = 2;
const MIN_QUERY_STEM = 3;
/** Words repeat: keys of the most recent ones are kept (the cache is emptied when it fills). */
const CACHE_SIZE = 20_000;
const cachedKeys = new Map<string, readonly string[]>();

/**
 * The clitics written joined to the front of an Arabic word, longest first: a conjunction (و، ف), then a
 * preposition (ب، ل، ك), then the article (ال); ل before the article drops its alef (للسلام = ل + السلام).
 */
export const arabicPrefixes: readonly string[] = (() => {
  const found = new Set<string>();
  for (const conjunction of ["", "و", "ف"]) {
    for (const preposition of ["", "ب", "ل", "ك"]) {
      for (const article of ["", "ال"]) {
        const prefix = conjunction + (preposition === "ل" && article ? "لل" : preposition + article);
        if (prefix) found.add(prefix);
      }
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
})();

/** Which BMP code points are letters, digits or combining marks: a table, since the scan runs over every body. */
const wordCharacters = (() => {
  const table = new Uint8Array(0x10000);
  const pattern = /[\p{L}\p{N}\p{M}]/u;
  for (let code = 0; code < 0x10000; code++) if (code < 0xd800 || code > 0xdfff) table[code] = pattern.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
})();
const ASTRAL_WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;

/** The length of the word character at i (1 or 2 UTF-16 units), or 0 if none starts there. */
function wordCharacterAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return wordCharacters[code]!;
  const point = text.codePointAt(i)!;
  return point > 0xffff && ASTRAL_WORD_CHARACTER.test(String.fromCodePoint(point)) ? 2 : 0;
}

const isApostrophe = (code: number) => code === 0x27 || code === 0x2019;

/**
 * The words of a text, in order, with their offsets in it: runs of letters, digits and combining marks (Arabic
 * vowel signs are marks), with an apostrophe allowed between two of them (Russia's).
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let i = 0;
  while (i < text.length) {
    let step = wordCharacterAt(text, i);
    if (step === 0) {
      i += 1;
      continue;
    }
    const start = i;
    while (step > 0 || (isApostrophe(text.charCodeAt(i)) && i > start && wordCharacterAt(text, i + 1) > 0)) {
      i += step > 0 ? step : 1;
      step = wordCharacterAt(text, i);
    }
    spans.push({ word: text.slice(start, i), start, end: i });
  }
  return spans;
}

/** Code points dropped by folding: Arabic vowel marks, superscript alef, tatweel, zero-width characters, apostrophes. */
function isDropped(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640 || (code >= 0x200b && code <= 0x200d) ||
    code === 0x2060 || code === 0xfeff || code === 0x27 || code === 0x2019
  );
}

/** The letter a code point folds to, or itself: alef forms to ا, ى to ي, ة to ه, Eastern Arabic digits to 0–9. */
function foldCode(code: number): number {
  if (code === 0x0623 || code === 0x0625 || code === 0x0622 || code === 0x0671) return 0x0627;
  if (code === 0x0649) return 0x064a;
  if (code === 0x0629) return 0x0647;
  if ((code >= 0x0660 && code <= 0x0669) || (code >= 0x06f0 && code <= 0x06f9)) return 0x30 + (code & 0xf);
  return code;
}

/**
 * A word folded for comparison, by the rules of normalizeArabic (which the tests hold it to) in one pass, since
 * it runs on every word indexed: NFKC, Arabic vowel marks and tatweel removed, alef forms to ا, ى to ي, ة to ه;
 * also Eastern Arabic digits to 0–9, lower case, Latin accents and apostrophes removed. Empty if nothing is left.
 */
export function foldWord(word: string): string {
  const source = word.normalize("NFKC");
  let folded = "";
  let hasOther = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (isDropped(code)) continue;
    const letter = foldCode(code);
    if (letter > 0x7f && (letter < 0x0600 || letter > 0x06ff)) hasOther = true;
    folded += String.fromCharCode(letter);
  }
  folded = folded.toLowerCase();
  return hasOther ? folded.normalize("NFD").replace(COMBINING_MARKS, "").normalize("NFC") : folded;
}

/** The folded Arabic word without each prefix it may carry (the word itself first). */
function arabicForms(folded: string, minStem: number): string[] {
  const forms = [folded];
  for (const prefix of arabicPrefixes) {
    if (folded.length - prefix.length >= minStem && folded.startsWith(prefix)) forms.push(folded.slice(prefix.length));
  }
  return [...new Set(forms)];
}

/** Every key a document word is found under (none for a word that is too long or folds to nothing). */
export function documentKeys(word: string): readonly string[] {
  let keys = cachedKeys.get(word);
  if (keys) return keys;
  keys = Object.freeze(computeDocumentKeys(word));
  if (cachedKeys.size >= CACHE_SIZE) cachedKeys.clear();
  cachedKeys.set(word, keys);
  return keys;
}

function computeDocumentKeys(word: string): string[] {
  const folded = foldWord(word);
  if (!folded || folded.length > MAX_WORD_LENGTH) return [];
  if (ARABIC_LETTERS.test(folded)) return arabicForms(folded, MIN_DOCUMENT_STEM);
  if (ASCII_WORD.test(folded)) return [...new Set([stemmer(folded), folded])];
  return [folded];
}

/**
 * The keys a query word looks for; a document word matches when its keys share one. English words look for
 * their stem only; Arabic ones for the word with and without its prefix, so `وروسيا` also finds `روسيا`.
 */
export function queryKeys(word: string): string[] {
  const folded = foldWord(word);
  if (!folded || folded.length > MAX_WORD_LENGTH) return [];
  if (ARABIC_LETTERS.test(folded)) return arabicForms(folded, MIN_QUERY_STEM);
  if (ASCII_WORD.test(folded)) return [stemmer(folded)];
  return [folded];
}

/** A partial query word as a key prefix: the folded word, unstemmed, since a stem need not begin a longer word's. */
export function queryPrefix(word: string): string | null {
  const folded = foldWord(word);
  return folded && folded.length <= MAX_WORD_LENGTH ? folded : null;
}
