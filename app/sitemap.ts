import type { MetadataRoute } from "next";
import { postPathIn, scenarioPath } from "@/lib/forum/paths";
import { listIndexable } from "@/lib/forum/indexable";
import { absoluteUrl } from "@/lib/site-url";

// Read at request time: the forum changes, and the base URL is the running server's PUBLIC_URL.
export const dynamic = "force-dynamic";

/** /sitemap.xml: the home page, every visible post (with its languages) and every visible scenario. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { posts, scenarios } = await listIndexable();
  return [
    { url: absoluteUrl("/"), changeFrequency: "hourly" },
    ...posts.map((post) => ({
      url: absoluteUrl(postPathIn(post, post.lang)),
      lastModified: post.lastActivityAt,
      ...(post.languages.length > 1 ? { alternates: { languages: Object.fromEntries(post.languages.map((lang) => [lang, absoluteUrl(postPathIn(post, lang))])) } } : {}),
    })),
    ...scenarios.map((scenario) => ({ url: absoluteUrl(scenarioPath(scenario.postSlug, scenario.id)), lastModified: scenario.lastActivityAt })),
  ];
}
