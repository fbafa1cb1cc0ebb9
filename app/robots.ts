import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site-url";

export const dynamic = "force-dynamic";

/** /robots.txt: reading pages are open; moderation, the API, settings and notifications are not for crawlers. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/mod", "/api", "/settings", "/notifications"] },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
