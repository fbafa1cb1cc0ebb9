import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { currentContext } from "@/lib/auth/session";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { getPost } from "@/lib/forum/posts";
import { listReplies } from "@/lib/forum/replies";
import type { ReplyView } from "@/lib/forum/reply-view";
import { getScenario } from "@/lib/forum/scenarios";
import { readThreadPage, type ThreadPage } from "@/lib/forum/thread-page";
import { localeOr } from "@/lib/i18n/locale";
import { decodeSlug, notFoundOn } from "@/app/p/[slug]/page-reads";

// A branch page shows at most this many replies of one branch.
const branchCap = 2000;
const replyPage = 200;

/**
 * The scenario and its post (axes in the reader's language), or 404 when either is unknown, hidden from this
 * reader, or the scenario belongs to another post than the slug says. Cached per request for metadata and page.
 */
export const loadScenario = cache(async (slug: string, scenarioId: string) => {
  const [ctx, locale] = await Promise.all([currentContext(), getLocale()]);
  const wanted = decodeSlug(slug);
  const post = await getPost(ctx, { idOrSlug: wanted, lang: localeOr(locale, undefined) }).catch(notFoundOn);
  const scenario = await getScenario(ctx, { scenarioId }).catch(notFoundOn);
  if (scenario.postId !== post.id || post.slug !== wanted) notFound();
  return { ctx, post, scenario };
});

/** One branch of the debate (a reply and everything beneath it) in thread order, page by page up to the cap. */
export const loadBranchReplies = cache(async (scenarioId: string, replyId: string): Promise<ReplyView[]> => {
  const ctx = await currentContext();
  const replies: ReplyView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listReplies(ctx, { scenarioId, under: replyId, limit: replyPage, cursor });
    replies.push(...page.replies);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && replies.length < branchCap);
  return replies.slice(0, branchCap);
});

/**
 * The page of the debate after `?after=`, or the one starting at `?reply=`'s top-level reply. A link to a reply
 * no longer under this scenario (merged away) or a hand-edited cursor falls back to the first page, not an error.
 */
export async function loadThreadPage(scenarioId: string, query: { after?: unknown; reply?: unknown }): Promise<ThreadPage> {
  const ctx = await currentContext();
  const asked = { cursor: typeof query.after === "string" ? query.after : undefined, replyId: typeof query.reply === "string" ? query.reply : undefined };
  try {
    return await readThreadPage(ctx, { scenarioId, ...asked });
  } catch (error) {
    if (!(error instanceof NotFound || error instanceof ValidationFailed) || (!asked.cursor && !asked.replyId)) throw error;
    return readThreadPage(ctx, { scenarioId });
  }
}
