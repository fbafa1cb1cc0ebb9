import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { posts } from "@/db/schema";

const MAX_SLUG = 80;
// Arabic harakat and tatweel (hamza stays part of its letter); Latin accents once decomposed.
const ARABIC_MARKS = /[\u064B-\u0652\u0670\u0640]/g;
const LATIN_ACCENTS = /[\u0300-\u036F]/g;
// An apostrophe joins its word ("Russia's" gives "russias", not "russia-s").
const APOSTROPHES = /['\u2019]/g;

/**
 * A readable slug from a title: letters and digits of any script (Arabic stays Arabic), lower case, the rest
 * turned into single hyphens. Diacritics and tatweel drop out. Never empty: a title with no letters gives "post".
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFC")
    .replace(ARABIC_MARKS, "")
    .normalize("NFKD")
    .replace(LATIN_ACCENTS, "")
    .normalize("NFC")
    .replace(APOSTROPHES, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > MAX_SLUG) break;
    slug = next;
  }
  return slug || [...(words[0] ?? "")].slice(0, MAX_SLUG).join("") || "post";
}

/**
 * The slug for a new post: the title's, or with -2, -3 … when taken. Holds a transaction lock on the base so two
 * posts with one title cannot both take the same suffix.
 */
export async function uniqueSlug(tx: Transaction, title: string): Promise<string> {
  const base = slugify(title);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`post-slug:${base}`}))`);
  const taken = await tx
    .select({ slug: posts.slug })
    .from(posts)
    .where(sql`${posts.slug} = ${base} or ${posts.slug} like ${`${base.replace(/[\\%_]/g, "\\$&")}-%`}`);
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
