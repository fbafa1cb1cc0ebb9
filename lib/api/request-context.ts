import { actorForToken } from "@/lib/auth/tokens";
import type { Context } from "@/lib/auth/actor";
import { clientIp } from "@/lib/auth/client-ip";
import { sessionActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import { isSameOrigin } from "@/lib/live/origin";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling an API route: a bearer token holder, else the member of the session cookie, else an anonymous
 * reader. A cookie-authenticated write must come with this site's own Origin (CSRF); a bad token is a 401, never
 * a silent fall back to anonymous.
 */
export async function requestContext(request: Request): Promise<Context> {
  const ip = clientIp(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const holder = secret ? await actorForToken(secret) : null;
    if (!holder) throw new Unauthenticated("The API token is missing, malformed or revoked.");
    return { actor: holder.actor, tokenId: holder.tokenId, ip };
  }
  const actor = await sessionActor();
  if (actor && !safeMethods.has(request.method)) {
    const origin = request.headers.get("origin");
    if (!isSameOrigin(origin, request.headers.get("host"), env().PUBLIC_URL)) {
      throw new Forbidden("Cross-site request refused: a same-origin Origin header is required.");
    }
  }
  return { actor, ip };
}
