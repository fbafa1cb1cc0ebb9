import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Avatar, AuthorLink } from "@/app/_components/forum/author-chip";
import { ForwardArrow } from "@/app/_components/ui/icons";
import { LiveHideable } from "@/app/_components/live/live-hideable";
import { ModerationMenu } from "@/app/_components/moderation/moderation-menu";
import { HiddenNotice } from "@/app/_components/moderation/moderation-notice";
import { ReplyAction } from "@/app/_components/debate/reply-action";
import type { ReplyNode } from "@/app/_components/debate/reply-tree";
import { StanceBadge } from "@/app/_components/debate/stance-badge";
import { TimeAgo } from "@/app/_components/ui/time-ago";

/** How many levels a page nests before it hands the rest of a branch to its own page. */
export const maxThreadDepth = 6;

type ThreadContext = {
  scenarioId: string;
  /**
   * The scenario page's path. A reply's permalink is `${base}?reply=<id>`, the page that starts with its thread
   * (a page ends where its size says, so only its start is stable); a branch too deep continues at
   * `${base}/r/<replyId>`.
   */
  base: string;
  canReply: boolean;
  /** The reader moderates: each reply gets the moderator's menu. */
  moderates: boolean;
};

/** Replies and their answers, nested with the reading direction; each level is a list inside its parent. */
export async function ReplyList({ nodes, depth, thread }: { nodes: ReplyNode[]; depth: number; thread: ThreadContext }) {
  return (
    <ol className={depth === 0 ? "space-y-7" : "mt-4 space-y-5 ps-5 sm:ps-9"}>
      {nodes.map((node) => (
        <li key={node.reply.id}>
          <ReplyItem node={node} depth={depth} thread={thread} />
        </li>
      ))}
    </ol>
  );
}

async function ReplyItem({ node, depth, thread }: { node: ReplyNode; depth: number; thread: ThreadContext }) {
  const [t, tStance] = await Promise.all([getTranslations("thread"), getTranslations("stance")]);
  const { reply } = node;
  const isHidden = reply.status === "hidden";
  const hasText = reply.html !== "";
  const name = reply.author.name;
  const permalink = (
    <a
      href={`${thread.base}?reply=${reply.id}#reply-${reply.id}`}
      aria-label={t("permalinkLabel", { name })}
      className="inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-muted hover:bg-accent-soft hover:text-accent"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2-2a3 3 0 0 0-4.2-4.2l-.7.7M9.5 6.5a3 3 0 0 0-4.2 0l-2 2a3 3 0 0 0 4.2 4.2l.7-.7" />
      </svg>
      {t("permalink")}
    </a>
  );
  return (
    <article id={`reply-${reply.id}`} tabIndex={-1} aria-labelledby={`reply-${reply.id}-by`} className="reply outline-none">
      <header className="reply-head relative flex flex-wrap items-center gap-x-2 gap-y-1 py-0.5 text-sm">
        <Avatar name={name} />
        <span id={`reply-${reply.id}-by`} className="min-w-0">
          <AuthorLink author={reply.author} className="break-words" />
        </span>
        {!isHidden && <StanceBadge stance={reply.stance} label={tStance(reply.stance)} />}
        <span aria-hidden="true" className="text-muted">
          ·
        </span>
        <TimeAgo iso={reply.createdAt} className="text-muted" />
        {reply.editedAt && <span className="text-muted">({t("edited")})</span>}
        {thread.moderates && (
          <span className="ms-auto">
            <ModerationMenu targetType="reply" targetId={reply.id} hidden={isHidden} version={reply.moderation?.version ?? 0} />
          </span>
        )}
      </header>
      <details open>
        <summary className="reply-toggle rounded-md text-sm">
          <span className="when-open sr-only">{t("collapse", { name })}</span>
          <span className="when-closed ms-9 mt-1 inline-flex items-center gap-1.5 rounded-full border border-line px-3 py-0.5 font-medium text-muted hover:border-accent hover:text-accent">
            <span aria-hidden="true">+</span>
            {t("expand", { count: node.descendants, name })}
          </span>
        </summary>
        <div className="reply-main flow-root ps-9 pb-1">
          {isHidden && !hasText ? (
            <p className="mt-1 italic text-muted">{t("removed")}</p>
          ) : (
            <LiveHideable id={reply.id} fallback={<p className="mt-1 italic text-muted" data-reply-removed>{t("removed")}</p>}>
              <HiddenNotice status={reply.status} moderation={reply.moderation} className="mt-1" />
              <div dir="auto" className="user-text mt-1" dangerouslySetInnerHTML={{ __html: reply.html }} />
            </LiveHideable>
          )}
          <div className="mt-1.5 -ms-2.5">
            {thread.canReply && !isHidden ? (
              <ReplyAction
                scenarioId={thread.scenarioId}
                parentId={reply.id}
                parentName={name}
                branchHref={depth + 1 < maxThreadDepth ? undefined : `${thread.base}/r/${reply.id}`}
              >
                {permalink}
              </ReplyAction>
            ) : (
              <div className="flex text-sm">{permalink}</div>
            )}
          </div>
        </div>
        {node.children.length > 0 &&
          (depth + 1 < maxThreadDepth ? (
            <ReplyList nodes={node.children} depth={depth + 1} thread={thread} />
          ) : (
            <p className="mt-3 ps-9">
              <Link
                href={`${thread.base}/r/${reply.id}`}
                className="inline-flex items-center gap-1.5 rounded-full border border-accent/50 px-3.5 py-1.5 text-sm font-semibold text-accent hover:bg-accent-soft"
              >
                {t("continue")}
                <span className="font-normal">({t("continueCount", { count: node.descendants })})</span>
                <ForwardArrow />
              </Link>
            </p>
          ))}
      </details>
    </article>
  );
}
