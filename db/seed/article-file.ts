import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

const FrontMatter = z.object({
  slug: z.string(),
  lang: z.enum(["ar", "en"]),
  dir: z.enum(["rtl", "ltr"]),
  title: z.string(),
  question: z.string(),
  disclaimer: z.string(),
  translationOf: z.string().optional(),
});

export type ArticleFile = z.infer<typeof FrontMatter> & { body: string };

/** Reads a seed article: YAML front matter between `---` lines, then the Markdown body, kept byte for byte. */
export function readArticleFile(file: string): ArticleFile {
  const text = readFileSync(file, "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`${file} has no front matter`);
  return { ...FrontMatter.parse(parse(match[1]!)), body: text.slice(match[0].length).trim() };
}
