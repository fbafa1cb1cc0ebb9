import { createHash } from "node:crypto";
import { and, eq, gt, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { normalizeArabic } from "@/lib/text/normalize";

const duplicateWindowMs = 5 * 60 * 1000;

/**
 * Equal for two posts exactly when their texts read the same once diacritics, letter forms, case and spacing are
 * set aside. Stored beside the text, so finding a member's duplicate is one indexed comparison, however much
 * they posted lately.
 */
export function textFingerprint(...texts: string[]): string {
  return createHash("sha256").update(texts.map(normalizeArabic).join("\u0000")).digest("base64url");
}

/**
 * The condition that finds a member's post of the same text within the last five minutes, on a table of
 * authored texts (scenarios, replies); the caller narrows it to the post or scenario the text belongs to.
 */
export function sameTextLately(table: { authorId: AnyPgColumn; fingerprint: AnyPgColumn; createdAt: AnyPgColumn }, authorId: string, fingerprint: string): SQL {
  return and(eq(table.authorId, authorId), eq(table.fingerprint, fingerprint), gt(table.createdAt, new Date(Date.now() - duplicateWindowMs)))!;
}
