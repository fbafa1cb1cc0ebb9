import { XMLBuilder } from "fast-xml-parser";
import type { Locale } from "@/db/schema";
import { dirOf } from "@/lib/forum/post-view";

/** One entry of a feed: a post, a scenario, a resolution or a reply, as an anonymous reader may see it. */
export type FeedEntry = {
  id: string;
  title: string;
  url: string;
  published: Date;
  updated: Date;
  author: string;
  /** Plain text. */
  summary?: string;
  /** Sanitised HTML, as the page shows it. */
  html?: string;
  /** When it differs from the feed's language (the site feed lists posts in each language). */
  lang?: Locale;
};

export type FeedDocument = {
  id: string;
  title: string;
  subtitle?: string;
  lang: Locale;
  /** The page the feed follows. */
  pageUrl: string;
  /** The feed's own URL. */
  selfUrl: string;
  /** The newest change the feed shows: its `<updated>` and the response's Last-Modified. */
  updated: Date;
  entries: FeedEntry[];
};

/** At most this many entries in any feed, newest first. */
export const feedLimit = 50;

// Characters XML 1.0 cannot carry at all (control characters a member may have pasted) are dropped.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlSafe = (_name: string, value: unknown) => (typeof value === "string" ? value.replace(notXml, "") : value);

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  format: true,
  suppressEmptyNode: true,
  tagValueProcessor: xmlSafe,
  attributeValueProcessor: xmlSafe,
});

/**
 * HTML content carries its direction, which Atom itself has no attribute for: a reader renders `dir` and `lang`
 * on the wrapping element the way a browser does. `xml:lang` says the language to the feed reader.
 */
function htmlContent(html: string, lang: Locale) {
  return { "@type": "html", "#text": `<div dir="${dirOf(lang)}" lang="${lang}">${html}</div>` };
}

function entryOf(entry: FeedEntry, feedLang: Locale) {
  const lang = entry.lang ?? feedLang;
  return {
    ...(entry.lang && entry.lang !== feedLang ? { "@xml:lang": entry.lang } : {}),
    id: entry.id,
    title: { "@type": "text", "#text": entry.title },
    link: { "@rel": "alternate", "@type": "text/html", "@href": entry.url },
    published: entry.published.toISOString(),
    updated: entry.updated.toISOString(),
    author: { name: entry.author },
    ...(entry.summary ? { summary: { "@type": "text", "#text": entry.summary } } : {}),
    ...(entry.html ? { content: htmlContent(entry.html, lang) } : {}),
  };
}

/** An Atom 1.0 document (RFC 4287) for the feed. */
export function renderAtom(feed: FeedDocument): string {
  const document = {
    "?xml": { "@version": "1.0", "@encoding": "utf-8" },
    feed: {
      "@xmlns": "http://www.w3.org/2005/Atom",
      "@xml:lang": feed.lang,
      id: feed.id,
      title: { "@type": "text", "#text": feed.title },
      ...(feed.subtitle ? { subtitle: { "@type": "text", "#text": feed.subtitle } } : {}),
      updated: feed.updated.toISOString(),
      link: [
        { "@rel": "self", "@type": "application/atom+xml", "@href": feed.selfUrl },
        { "@rel": "alternate", "@type": "text/html", "@href": feed.pageUrl },
      ],
      author: { name: "Mizan" },
      generator: "Mizan",
      entry: feed.entries.map((entry) => entryOf(entry, feed.lang)),
    },
  };
  return builder.build(document);
}
