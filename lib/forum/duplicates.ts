import { createHash } from "node:crypto";
import { normalizeArabic } from "@/lib/text/normalize";

export const duplicateWindowMs = 5 * 60 * 1000;

/**
 * Equal for two posts exactly when their texts read the same once diacritics, letter forms, case and spacing are
 * set aside. Stored beside the text, so finding a member's duplicate is one indexed comparison, however much
 * they posted lately.
 */
export function textFingerprint(...texts: string[]): string {
  return createHash("sha256").update(texts.map(normalizeArabic).join("\u0000")).digest("base64url");
}
