import type { Metadata } from "next";
import type { Locale } from "@/db/schema";

/** OpenGraph's locale names (language_TERRITORY) for the interface languages. */
export const ogLocale: Record<Locale, string> = { ar: "ar_AR", en: "en_US" };

/**
 * The site's card (app/opengraph-image.tsx), named on every page: a page that sets its own OpenGraph tags loses
 * the image of a parent segment. Pages with their own opengraph-image file (`largeImage`) leave it out.
 */
const siteImage = { url: "/opengraph-image", width: 1200, height: 630, type: "image/png" };

type Preview = {
  title: string;
  description: string;
  /** The page's canonical path (relative to metadataBase, the site's PUBLIC_URL). */
  path: string;
  lang: Locale;
  siteName: string;
  /** The same page in each language it exists in (hreflang), with the path for readers of no listed language. */
  languages?: { byLang: Partial<Record<Locale, string>>; fallback: string };
  feed?: { path: string; title: string };
  /** A page with its own generated image (an opengraph-image.tsx in its segment) gets the large card. */
  largeImage?: boolean;
  type?: "website" | "article";
};

/**
 * A public page's link-preview and indexing metadata in one shape: canonical URL and hreflang alternates, its
 * Atom feed, and the OpenGraph and Twitter tags, with the site's card unless the page has an opengraph-image.
 */
export function previewMetadata(page: Preview): Metadata {
  const alternates = Object.keys(page.languages?.byLang ?? {}).filter((l) => l !== page.lang) as Locale[];
  return {
    title: page.title,
    description: page.description,
    alternates: {
      canonical: page.path,
      ...(page.languages && alternates.length > 0 ? { languages: { ...page.languages.byLang, "x-default": page.languages.fallback } } : {}),
      ...(page.feed ? { types: { "application/atom+xml": [{ url: page.feed.path, title: page.feed.title }] } } : {}),
    },
    openGraph: {
      type: page.type ?? "website",
      siteName: page.siteName,
      title: page.title,
      description: page.description,
      url: page.path,
      locale: ogLocale[page.lang],
      ...(alternates.length > 0 ? { alternateLocale: alternates.map((l) => ogLocale[l]) } : {}),
      // A page with its own image file gets it only when no image is configured here.
      ...(page.largeImage ? {} : { images: [siteImage] }),
    },
    twitter: { card: page.largeImage ? "summary_large_image" : "summary", title: page.title, description: page.description },
  };
}
