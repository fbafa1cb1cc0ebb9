/**
 * server.ts copies the TCP peer address into this header for every request (overwriting whatever a client
 * sent), so doors can rate-limit by address without trusting client-supplied forwarding headers.
 */
export const clientIpHeader = "x-mizan-client-ip";

export function clientIp(headers: Headers): string | undefined {
  return headers.get(clientIpHeader) ?? undefined;
}
