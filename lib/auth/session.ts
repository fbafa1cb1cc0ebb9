import { headers } from "next/headers";
import { cache } from "react";
import { findUserById } from "./accounts";
import type { Context } from "./actor";
import { clientIp } from "./client-ip";
import { auth } from "./next-auth";
import { toActor } from "./user-view";

/** The member signed in with the session cookie, or null. */
export async function sessionActor() {
  const session = await auth();
  const user = session?.user?.id ? await findUserById(session.user.id) : null;
  return user ? toActor(user) : null;
}

/**
 * The caller of a page or server action, loaded once per request. Server actions get Next.js's own Origin check;
 * route handlers use lib/api/request-context.ts instead.
 */
export const currentContext = cache(async (): Promise<Context> => {
  const [actor, requestHeaders] = await Promise.all([sessionActor(), headers()]);
  return { actor, ip: clientIp(requestHeaders) };
});
