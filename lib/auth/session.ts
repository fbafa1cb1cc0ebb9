import { headers } from "next/headers";
import { cache } from "react";
import type { Context } from "./actor";
import { clientIp } from "./client-ip";
import { actorFromSessionCookie } from "./session-cookie";

/**
 * The caller of a page or server action, loaded once per request from the session cookie, exactly as the API
 * router and sockets do. Server actions also get Next.js's own Origin check.
 */
export const currentContext = cache(async (): Promise<Context> => {
  const requestHeaders = await headers();
  return { actor: await actorFromSessionCookie(requestHeaders.get("cookie")), ip: clientIp(requestHeaders) };
});
