import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { currentContext } from "@/lib/auth/session";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { getPost } from "@/lib/forum/posts";
import { listReplies } from "@/lib/forum/replies";
import type { ReplyView } from "@/lib/forum/reply-view";
import { getScenario } from "@/lib/forum/scenarios";
import { isLocale } from "@/lib/i18n/locale";

/** A debate this long is read in branches; past it the page says how many it shows. */
export const replyCap = 2000;
const replyPage = 200;

export function notFoundOn(error: unknown): never {
  if (error instanceof NotFound || error instanceof ValidationFailed) notFound();
  throw error;
}

/**
 * The scenario and its post (axes in the reader's language), or 404 when either is unknown, hidden from this
 * reader, or the scenario belongs to another post than the slug says. Cached per request for metadata and page.
 */
export const loadScenario = cache(async (slug: string, scenarioId: string) => {
  const [ctx, locale] = await Promise.all([currentContext(), getLocale()]);
  const post = await getPost(ctx, { idOrSlug: decodeURIComponent(slug), lang: isLocale(locale) ? locale : undefined }).catch(notFoundOn);
  const scenario = await getScenario(ctx, { scenarioId }).catch(notFoundOn);
  if (scenario.postId !== post.id || post.slug !== decodeURIComponent(slug)) notFound();
  return { ctx, post, scenario };
});

/** Every reply in thread order (or one branch of it, `under` a reply), page by page, up to the cap. */
export const loadReplies = cache(async (scenarioId: string, under?: string): Promise<{ replies: ReplyView[]; isTruncated: boolean }> => {
  const ctx = await currentContext();
  const replies: ReplyView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listReplies(ctx, { scenarioId, under, limit: replyPage, cursor });
    replies.push(...page.replies);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && replies.length < replyCap);
  return { replies: replies.slice(0, replyCap), isTruncated: !!cursor || replies.length > replyCap };
});
