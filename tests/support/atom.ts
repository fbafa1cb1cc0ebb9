import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

export type AtomEntry = { id: string; title: string; lang?: string; link: string; content?: string; updated: string };
export type AtomFeed = { lang: string; title: string; id: string; updated: string; entries: AtomEntry[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => name === "entry" || name === "link" });
const textOf = (node: unknown): string => (typeof node === "object" && node !== null ? String((node as Record<string, unknown>)["#text"] ?? "") : String(node ?? ""));

/**
 * Parses an Atom document and checks what RFC 4287 requires of it: well-formed XML, the Atom namespace, and an
 * id, a title and an updated date (ISO 8601) on the feed and on every entry, with an author for the feed and a
 * link for each entry.
 */
export function parseAtom(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const { feed } = parser.parse(xml);
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  for (const node of [feed, ...(feed.entry ?? [])]) {
    expect(typeof node.id).toBe("string");
    expect(textOf(node.title)).not.toBe("");
    expect(Number.isNaN(Date.parse(node.updated))).toBe(false);
  }
  expect(feed.author?.name).toBeTruthy();
  const entries: AtomEntry[] = (feed.entry ?? []).map((entry: Record<string, any>) => {
    expect(entry.link.length).toBeGreaterThan(0);
    return {
      id: entry.id,
      title: textOf(entry.title),
      lang: entry["@xml:lang"],
      link: entry.link[0]["@href"],
      content: entry.content ? textOf(entry.content) : undefined,
      updated: entry.updated,
    };
  });
  return { lang: feed["@xml:lang"], title: textOf(feed.title), id: feed.id, updated: feed.updated, entries };
}
