import type { Context } from "@/lib/auth/actor";
import { actorFromSessionCookie } from "@/lib/auth/session-cookie";
import { actorForToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/origin";
import type { ApiRequest } from "./http";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling the API: a bearer token holder, else the member of the session cookie, else an anonymous
 * reader. A cookie-authenticated write must come with this site's own Origin (CSRF); a bad token is a 401, never
 * a silent fall back to anonymous.
 */
export async function requestContext(request: ApiRequest): Promise<Context> {
  const { ip, headers } = request;
  if (headers.authorization !== undefined) {
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization)?.[1];
    const holder = secret ? await actorForToken(secret) : null;
    if (!holder) throw new Unauthenticated("The API token is missing, malformed or revoked.");
    return { actor: holder.actor, tokenId: holder.tokenId, ip };
  }
  const actor = await actorFromSessionCookie(headers.cookie);
  if (actor && !safeMethods.has(request.method) && !isSameOrigin(headers.origin, headers.host, env().PUBLIC_URL)) {
    throw new Forbidden("Cross-site request refused: a same-origin Origin header is required.");
  }
  return { actor, ip };
}
