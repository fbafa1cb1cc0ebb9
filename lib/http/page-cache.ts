import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies } from "cookie";
import { LRUCache } from "lru-cache";
import type { Locale } from "@/db/schema";
import { sessionCookies } from "@/lib/auth/session-cookie";
import { localeCookie, resolveLocale } from "@/lib/i18n/locale";
import { memberHintCookie, ownRenderCookie, ownRenderValue } from "@/lib/rules/member-cookies";
import { processSlot } from "@/lib/process-slot";

/**
 * The shared render: a page rendered for a reader without a session is kept until an event changes it (at most
 * MIZAN_PAGE_CACHE_MS) and served to the next readers of the same URL in the same language, anonymous readers and
 * (on post pages) members alike, so a busy page costs one render per change instead of one per reader.
 *
 * Why this is safe:
 * - Only public reading pages (`/`, `/p/…`, `/u/…`), only GET, only full page loads (no React Server Components
 *   navigation or action headers). Only 200 responses without Set-Cookie are kept, and only ever a page rendered
 *   for a reader without a session: what an anonymous reader may see under the visibility rule in
 *   lib/auth/permissions.ts. Pages otherwise read as their real reader (a moderator opens hidden posts, an author
 *   sees their hidden scenario), so a request with any cookie but the locale's never reaches the kept pages,
 *   except as below. Never widen the cookie check.
 * - Members on the home page and post pages (`/`, `/p/{slug}`): a request with a live session of a member who is not a moderator gets
 *   the kept page (on a miss, this server first requests it as an anonymous reader in the member's language, which
 *   renders and keeps it), with the `mizan_member` hint; the page then asks GET /api/v1/me/page for what is
 *   theirs (their header, follow, votes, forecast; lib/forum/member-page.ts) and fills it in. A member who sees
 *   more than anonymous readers (a moderator; the author of a hidden scenario, told so by their layer) gets their
 *   own render, as do the scenario and profile pages (lib/rules/member-cookies.ts).
 * - The key is the path with its query and the locale the app resolves from the cookie and Accept-Language,
 *   the same rule lib/i18n/request.ts uses, so Arabic and English readers never share a page.
 * - The CSP nonce stays fresh per response: the kept page's nonce (128 random bits, so it never occurs by
 *   chance) is replaced by the new response's everywhere in the body and the headers.
 * - Kept pages end by events, not by the clock: every committed live event, on whichever node, drops the whole
 *   cache of every node (lib/live/page-drops.ts, through Redis when configured; events of any post change the
 *   home page's and profiles' counts too), but for vote totals and the community forecast, which move often and
 *   which the live client brings up to date; so do the few writes no event announces (follows, names, roles).
 *   The TTL only bounds what might still slip past. And staleness is harmless: a page embeds the live `seq` it
 *   was rendered at, and the live client catches up on everything after it, so a reader misses nothing.
 * - Pages are kept uncompressed (the request reaches Next.js without Accept-Encoding) because the nonce must be
 *   swapped in the bytes; compress in the proxy in front when it matters.
 * - Concurrent misses of one key wait for the first render instead of rendering the page again each.
 */

type Entry = { headers: [string, string][]; parts: Buffer[]; nonce: string; bytes: number };
type Waiter = (entry: Entry | null) => void;

const maxEntries = 500;
const maxBytes = 64 * 1024 * 1024;
const publicPage = /^\/(?:$|[?#]|p\/|u\/)/;
/** Members share the render of the home page and post pages: what differs for them comes in their layer (GET /api/v1/me/page). */
const memberPage = /^\/(?:$|[?#]|p\/[^/?#]+(?:[?#]|$))/;
const navigationHeaders = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
// Set per response by Node.js or recomputed on a hit.
const unkeptHeaders = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "x-mizan-cache"]);

export type PageCache = {
  /** Serves the request from the cache, or calls `render` (Next.js) and keeps what it answers when it may. */
  handle: (req: IncomingMessage, res: ServerResponse, nonce: string, render: () => void) => void;
  clear: () => void;
};

export type PageCacheOptions = {
  ttlMs: number;
  /** Whether a session cookie belongs to a member the shared render suits (signed in, and not a moderator). */
  isSharedReader: (cookieHeader: string) => Promise<boolean>;
  /** Requests a page as an anonymous reader in `locale` would, through this same server, so it is rendered and kept. */
  renderAnonymously: (url: string, locale: Locale) => Promise<void>;
};

type Shareable = { locale: Locale; url: string; key: string };

function shareableRequest(req: IncomingMessage, page: RegExp): { shareable: Shareable; cookies: Record<string, string | undefined> } | null {
  const url = req.url ?? "";
  if (req.method !== "GET" || !page.test(url) || url.includes("_rsc=")) return null;
  if (navigationHeaders.some((name) => req.headers[name] !== undefined)) return null;
  const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
  const locale = resolveLocale(cookies[localeCookie], req.headers["accept-language"] ?? null);
  return { shareable: { locale, url, key: `${locale} ${url}` }, cookies };
}

/** The cache key of a request that may be answered from the cache, or null when it must be rendered for it. */
export function cacheKeyOf(req: IncomingMessage): string | null {
  const request = shareableRequest(req, publicPage);
  if (!request || Object.keys(request.cookies).some((name) => name !== localeCookie)) return null;
  return request.shareable.key;
}

/**
 * A member's request for the home page or a post page that the shared render may answer: signed in (a session cookie; who it is
 * is checked after), and not asking for their own render (see lib/rules/member-cookies.ts).
 */
export function memberShareOf(req: IncomingMessage): Shareable | null {
  const request = shareableRequest(req, memberPage);
  if (!request || request.cookies[ownRenderCookie] === ownRenderValue) return null;
  return sessionCookies.some((name) => request.cookies[name]) ? request.shareable : null;
}

/** Splits the body around each occurrence of the nonce, so a hit can join the parts with a fresh one. */
function splitOn(body: Buffer, nonce: string): Buffer[] {
  const needle = Buffer.from(nonce);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function serve(res: ServerResponse, entry: Entry, nonce: string, how = "hit"): void {
  const body = Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from(nonce), part])));
  for (const [name, value] of entry.headers) res.setHeader(name, value.replaceAll(entry.nonce, nonce));
  res.setHeader("content-length", body.length);
  res.setHeader("x-mizan-cache", how);
  res.end(body);
}

/** The shared render, to a member: the hint that tells the page to fetch their layer, when they lack it. */
function serveToMember(req: IncomingMessage, res: ServerResponse, entry: Entry, nonce: string): void {
  if (!req.headers.cookie?.split(/;\s*/).includes(`${memberHintCookie}=1`)) {
    res.setHeader("set-cookie", `${memberHintCookie}=1; Path=/; Max-Age=31536000; SameSite=Lax`);
  }
  serve(res, entry, nonce, "shared");
}

/** Copies what Next.js writes, and calls `done` with it once the response has gone out. */
function capture(res: ServerResponse, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function" || size > maxBytes / 8) return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    return write(chunk, encoding, callback);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    keep(chunk, encoding);
    return end(chunk, encoding, callback);
  }) as ServerResponse["end"];
  const keepable = () => res.statusCode === 200 && !res.hasHeader("set-cookie") && !res.hasHeader("content-encoding") && size <= maxBytes / 8;
  res.once("finish", () => done(keepable() ? Buffer.concat(chunks) : null));
  res.once("close", () => res.writableFinished || done(null));
}

export function createPageCache({ ttlMs, isSharedReader, renderAnonymously }: PageCacheOptions): PageCache {
  // Least recently used pages go first once either bound is reached.
  const entries = new LRUCache<string, Entry>({ max: maxEntries, maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes), ttl: ttlMs });
  const inFlight = new Map<string, Waiter[]>();

  /** A member's request: the kept page if there is one, else the page rendered as for an anonymous reader and kept; else their own render. */
  async function shareWithMember(req: IncomingMessage, res: ServerResponse, nonce: string, share: Shareable, render: () => void) {
    if (!(await isSharedReader(req.headers.cookie ?? "").catch(() => false))) return render();
    let entry = entries.get(share.key);
    if (!entry) {
      await renderAnonymously(share.url, share.locale).catch(() => undefined);
      entry = entries.get(share.key);
    }
    if (entry) serveToMember(req, res, entry, nonce);
    else render();
  }

  return {
    handle(req, res, nonce, render) {
      const key = cacheKeyOf(req);
      if (key === null) {
        const share = memberShareOf(req);
        return share ? void shareWithMember(req, res, nonce, share, render) : render();
      }
      const hit = entries.get(key);
      if (hit) return serve(res, hit, nonce);
      const waiting = inFlight.get(key);
      if (waiting) {
        waiting.push((entry) => (entry ? serve(res, entry, nonce) : render()));
        return;
      }
      const waiters: Waiter[] = [];
      inFlight.set(key, waiters);
      delete req.headers["accept-encoding"];
      res.setHeader("x-mizan-cache", "miss");
      capture(res, (body) => {
        // A clear() while this page rendered has already let later readers start their own render.
        const isCurrent = inFlight.get(key) === waiters;
        if (isCurrent) inFlight.delete(key);
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !unkeptHeaders.has(name))
          .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
        const entry = body && { headers, parts: splitOn(body, nonce), nonce, bytes: body.length };
        if (entry && isCurrent) entries.set(key, entry);
        for (const waiter of waiters) waiter(entry);
      });
      render();
    },
    clear() {
      entries.clear();
      inFlight.clear();
    },
  };
}

const processCache = processSlot<PageCache>("pageCache");

export function registerPageCache(cache: PageCache | undefined): void {
  processCache.set(cache);
}

/** Drops every kept page of this node; see lib/live/page-drops.ts for every node. */
export function dropCachedPages(): void {
  processCache.get()?.clear();
}
