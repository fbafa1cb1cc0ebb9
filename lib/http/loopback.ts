import { request } from "node:http";
import type { AddressInfo } from "node:net";
import type { Locale } from "@/db/schema";
import { localeCookie } from "@/lib/i18n/locale";

type Origin = { host: string; port: number };

/** Where this server can reach itself: its own address, or the loopback one when it listens on every interface. */
export function loopbackHost(address: AddressInfo | string | null): string {
  if (!address || typeof address === "string" || address.address === "0.0.0.0" || address.address === "::") return "127.0.0.1";
  return address.address;
}

/**
 * GETs a page of this server as an anonymous reader in `locale` would (only the locale cookie), and reads it to the
 * end: the page cache keeps it on the way out (lib/http/page-cache.ts). Rejects on a network error or after 10 s.
 */
export function requestAnonymously({ host, port }: Origin, url: string, locale: Locale): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host, port, path: url, method: "GET", headers: { cookie: `${localeCookie}=${locale}`, "accept-language": locale }, timeout: 10_000 }, (response) => {
      response.resume();
      response.once("end", resolve);
      response.once("error", reject);
    });
    outgoing.once("timeout", () => outgoing.destroy(new Error("the page took over 10 s")));
    outgoing.once("error", reject);
    outgoing.end();
  });
}
