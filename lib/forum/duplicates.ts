import { normalizeArabic } from "@/lib/text/normalize";

export const duplicateWindowMs = 5 * 60 * 1000;

/** Two texts are the same post if they read the same once diacritics, letter forms, case and spacing are set aside. */
export function isSameText(a: string, b: string): boolean {
  return normalizeArabic(a) === normalizeArabic(b);
}
