import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { PostView } from "@/lib/forum/post-view";
import type { StanceTally as Tally } from "@/lib/forum/replies";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { isPaged, type ThreadPage } from "@/lib/forum/thread-page";
import { LockIcon } from "@/app/_components/ui/icons";
import { ReplyComposer } from "@/app/_components/debate/reply-composer";
import { ReplyList } from "@/app/_components/debate/reply-thread";
import { durationParts } from "@/lib/rules/slow-mode";
import { buildReplyTree } from "@/app/_components/debate/reply-tree";
import { StanceTally } from "@/app/_components/debate/stance-tally";
import { ThreadPager } from "./thread-pager";
import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = {
  post: PostView;
  scenario: ScenarioView;
  actor: Actor | null;
  thread: ThreadPage;
  tally: Tally;
  canReply: boolean;
  /** The reader moderates: each reply gets the moderator's menu. */
  moderates: boolean;
};

/**
 * The threaded debate under a scenario: how it divides by stance, a composer for new points, then one page of
 * the thread. The count and the tally come from the scenario's counters, so they cover every page.
 */
export async function DebateSection({ post, scenario, actor, thread, tally, canReply, moderates }: Props) {
  const [t, tNotices, tSlow] = await Promise.all([getTranslations("thread"), getTranslations("modNotices"), getTranslations("slowMode")]);
  const slowed = canReply && post.slowModeSeconds > 0 && !can(actor, { action: "reply.skipSlowMode" });
  const base = `/p/${post.slug}/s/${scenario.id}`;
  const nodes = buildReplyTree(thread.replies);
  const paged = isPaged(thread);
  return (
    <section id="debate" aria-labelledby="debate-heading" className="mt-12 scroll-mt-6 border-t border-line pt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="debate-heading" className="text-2xl font-bold">
          {t("heading")}
        </h2>
        <p className="text-muted">{t("summary", { count: scenario.replyCount })}</p>
      </div>
      <div className="mt-4">
        <StanceTally tally={tally} />
      </div>

      <div className="mt-6">
        {canReply ? (
          <div className="rounded-2xl border border-line bg-card p-4 sm:p-5">
            {slowed && <p className="mb-3 text-sm text-muted">{tSlow("notice", { duration: tSlow("duration", durationParts(post.slowModeSeconds)) })}</p>}
            {/* A new top-level reply joins the last page: on a debate of several pages, the composer opens it there. */}
            <ReplyComposer scenarioId={scenario.id} parentId={null} label={t("composerLabel")} placeholder={t("rootPlaceholder")} threadHref={paged ? base : undefined} />
          </div>
        ) : post.locked ? (
          <p className="flex items-center gap-2 rounded-xl border border-line bg-card px-4 py-3 text-muted">
            <LockIcon />
            {t("locked")}
          </p>
        ) : scenario.locked ? (
          <p className="flex items-center gap-2 rounded-xl border border-line bg-card px-4 py-3 text-muted" data-scenario-locked-notice>
            <LockIcon />
            {tNotices("scenarioLocked")}
          </p>
        ) : !actor ? (
          <div className="flex flex-wrap items-center justify-between gap-4 rounded-2xl border border-line bg-card p-5">
            <div>
              <p className="font-semibold">{t("signInTitle")}</p>
              <p className="mt-0.5 text-sm text-muted">{t("signInBody")}</p>
            </div>
            <Link href={`/signin?next=${encodeURIComponent(`${base}#debate`)}`} className={`${primaryButton} px-5 py-2 font-semibold`}>
              {t("signIn")}
            </Link>
          </div>
        ) : null}
      </div>

      {!thread.isFirst && (
        <div className="mt-8">
          <ThreadPager base={base} isFirst={false} nextCursor={null} />
        </div>
      )}
      {nodes.length > 0 ? (
        <div className="mt-8">
          <ReplyList nodes={nodes} depth={0} thread={{ scenarioId: scenario.id, base, canReply, moderates }} />
        </div>
      ) : (
        <p className="mt-8 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{thread.isFirst ? t("empty") : t("pageEmpty")}</p>
      )}
      {paged && (
        <div className="mt-10 border-t border-line pt-6">
          <ThreadPager base={base} isFirst={thread.isFirst} nextCursor={thread.nextCursor} />
        </div>
      )}
    </section>
  );
}
