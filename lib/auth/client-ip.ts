/**
 * server.ts copies the client's address key (lib/http/client-address: the TCP peer, or the right-most untrusted
 * X-Forwarded-For hop behind MIZAN_TRUSTED_PROXIES; IPv6 by /64) into this header for every request, overwriting
 * whatever a client sent, so pages and actions rate-limit by the same key as the API.
 */
export const clientIpHeader = "x-mizan-client-ip";

export function clientIp(headers: Headers): string | undefined {
  return headers.get(clientIpHeader) ?? undefined;
}
