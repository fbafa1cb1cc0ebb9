import { notFound, redirect } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import type { Context } from "@/lib/auth/actor";

/**
 * The moderator pages' door: readers are sent to sign in, members get the same 404 as a page that does not
 * exist (the tools are not advertised), moderators and admins go on.
 */
export async function moderatorContext(path: string): Promise<Context> {
  const ctx = await currentContext();
  if (!ctx.actor) redirect(`/signin?next=${encodeURIComponent(path)}`);
  if (!can(ctx.actor, { action: "queue.review" })) notFound();
  return ctx;
}
