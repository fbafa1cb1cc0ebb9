import type { MetadataRoute } from "next";
import { postPath, scenarioPath } from "@/lib/feeds/feeds";
import { listIndexable } from "@/lib/forum/indexable";
import { absoluteUrl } from "@/lib/site-url";

// Read at request time: the forum changes, and the base URL is the running server's PUBLIC_URL.
export const dynamic = "force-dynamic";

/** /sitemap.xml: the home page, every visible post (with its languages) and every visible scenario. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { posts, scenarios } = await listIndexable();
  return [
    { url: absoluteUrl("/"), changeFrequency: "hourly" },
    ...posts.map((post) => {
      const bare = absoluteUrl(postPath(post.slug));
      const translated = post.languages.length > 1;
      return {
        url: translated ? `${bare}?lang=${post.lang}` : bare,
        lastModified: post.lastActivityAt,
        ...(translated ? { alternates: { languages: Object.fromEntries(post.languages.map((lang) => [lang, `${bare}?lang=${lang}`])) } } : {}),
      };
    }),
    ...scenarios.map((scenario) => ({ url: absoluteUrl(scenarioPath(scenario.postSlug, scenario.id)), lastModified: scenario.lastActivityAt })),
  ];
}
