import path from "node:path";
import { eq } from "drizzle-orm";
import { indexUnindexed } from "@/lib/search/index-content";
import { renderMarkdown } from "@/lib/text/render";
import type { Database } from "../client";
import { postTranslations, posts, type Axes } from "../schema";
import { readArticleFile } from "./article-file";

export const seedSlug = "russia-balance-diplomacy-escalation";

export const seedAxes: Axes = {
  x: {
    label: { ar: "الانفتاح الدبلوماسي", en: "Diplomatic openness" },
    low: { ar: "انغلاق دبلوماسي", en: "Diplomatic closure" },
    high: { ar: "انفتاح دبلوماسي واسع", en: "Broad diplomatic openness" },
  },
  y: {
    label: { ar: "التصعيد الجيوسياسي", en: "Geopolitical escalation" },
    low: { ar: "تهدئة", en: "De-escalation" },
    high: { ar: "تصعيد حاد", en: "Sharp escalation" },
  },
  quadrants: {
    highHigh: { ar: "المساران معًا: التوازن", en: "Both tracks held: the balance" },
    highLow: { ar: "الدبلوماسية تتقدّم", en: "Diplomacy prevails" },
    lowHigh: { ar: "التصعيد يتقدّم", en: "Escalation prevails" },
    lowLow: { ar: "انحسار المسارين", en: "Both recede" },
  },
};

const seedDir = path.join(process.cwd(), "db", "seed");

/**
 * Puts the seed article and its English translation in place, and indexes for search every row that is not
 * yet (so a database from before the search index gains it at its next start); running it again changes nothing.
 */
export async function seedArticle(db: Database): Promise<void> {
  const original = readArticleFile(path.join(seedDir, "article.ar.md"));
  const translation = readArticleFile(path.join(seedDir, "article.en.md"));
  const [html, translationHtml] = await Promise.all([renderMarkdown(original.body), renderMarkdown(translation.body)]);
  await db.transaction(async (tx) => {
    await tx
      .insert(posts)
      .values({
        slug: original.slug,
        lang: original.lang,
        title: original.title,
        body: original.body,
        html,
        question: original.question,
        disclaimer: original.disclaimer,
        axes: seedAxes,
        isPinned: true,
      })
      .onConflictDoNothing({ target: posts.slug });
    const [post] = await tx.select({ id: posts.id }).from(posts).where(eq(posts.slug, original.slug));
    await tx
      .insert(postTranslations)
      .values({
        postId: post!.id,
        lang: translation.lang,
        title: translation.title,
        body: translation.body,
        html: translationHtml,
        question: translation.question,
        disclaimer: translation.disclaimer,
      })
      .onConflictDoNothing({ target: [postTranslations.postId, postTranslations.lang] });
    await indexUnindexed(tx);
  });
}
