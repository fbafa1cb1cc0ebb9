import { isIP, type BlockList } from "node:net";
import type { IncomingMessage } from "node:http";
import { env } from "@/lib/env";
import { parseTrustedProxies } from "./trusted-proxies";

const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy; then the right-most X-Forwarded-For hop
 * that is not itself trusted (hops left of it were written by the client and prove nothing).
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  let address = unmapped(peer);
  if (!isTrusted(address, trusted) || !forwardedFor) return address;
  const hops = forwardedFor.split(",").map((h) => unmapped(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return address; // garbage from the client: keep the last address we could trust
    address = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return address;
}

/** The key rate limits use for an address: IPv6 addresses are grouped by their /64, which one subscriber holds. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g || "0", 16).toString(16)).join(":")}::/64`;
}

let trustedList: BlockList | undefined;
/** The rate-limit key of a request's client, after MIZAN_TRUSTED_PROXIES. */
export function requestClientKey(req: IncomingMessage): string {
  trustedList ??= parseTrustedProxies(env().MIZAN_TRUSTED_PROXIES);
  const forwarded = req.headers["x-forwarded-for"];
  const peer = req.socket.remoteAddress ?? "unknown";
  return addressKey(clientAddress(peer, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedList));
}
