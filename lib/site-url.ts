import { env } from "@/lib/env";

/**
 * The site's absolute origin, for links that leave the site (emails, feeds, link previews, the sitemap):
 * `PUBLIC_URL` when set, else `http://localhost:PORT`. Never ends in a slash.
 */
export function siteUrl(): string {
  const { PUBLIC_URL, PORT } = env();
  return (PUBLIC_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

/** An absolute URL on this site for a path starting with "/". */
export function absoluteUrl(path: string): string {
  return siteUrl() + path;
}
