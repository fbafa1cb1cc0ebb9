import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import type { PostView } from "@/lib/forum/post-view";
import type { StanceTally as Tally } from "@/lib/forum/replies";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { LockIcon } from "../../../../_components/icons";
import { ReplyComposer } from "../../../../_components/reply-composer";
import { ReplyList } from "../../../../_components/reply-thread";
import type { ReplyNode } from "../../../../_components/reply-tree";
import { StanceTally } from "../../../../_components/stance-tally";

type Props = {
  post: PostView;
  scenario: ScenarioView;
  actor: Actor | null;
  nodes: ReplyNode[];
  total: number;
  isTruncated: boolean;
  tally: Tally;
  canReply: boolean;
};

/** The threaded debate under a scenario: how it divides by stance, a composer for new points, then the thread. */
export async function DebateSection({ post, scenario, actor, nodes, total, isTruncated, tally, canReply }: Props) {
  const t = await getTranslations("thread");
  const base = `/p/${post.slug}/s/${scenario.id}`;
  return (
    <section id="debate" aria-labelledby="debate-heading" className="mt-12 scroll-mt-6 border-t border-line pt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="debate-heading" className="text-2xl font-bold">
          {t("heading")}
        </h2>
        <p className="text-muted">{t("summary", { count: total })}</p>
      </div>
      <div className="mt-4">
        <StanceTally tally={tally} />
      </div>

      <div className="mt-6">
        {canReply ? (
          <div className="rounded-2xl border border-line bg-card p-4 sm:p-5">
            <ReplyComposer scenarioId={scenario.id} parentId={null} label={t("composerLabel")} placeholder={t("rootPlaceholder")} />
          </div>
        ) : post.locked ? (
          <p className="flex items-center gap-2 rounded-xl border border-line bg-card px-4 py-3 text-muted">
            <LockIcon />
            {t("locked")}
          </p>
        ) : !actor ? (
          <div className="flex flex-wrap items-center justify-between gap-4 rounded-2xl border border-line bg-card p-5">
            <div>
              <p className="font-semibold">{t("signInTitle")}</p>
              <p className="mt-0.5 text-sm text-muted">{t("signInBody")}</p>
            </div>
            <Link href={`/signin?next=${encodeURIComponent(`${base}#debate`)}`} className="rounded-full bg-accent px-5 py-2 font-semibold text-paper hover:opacity-90">
              {t("signIn")}
            </Link>
          </div>
        ) : null}
      </div>

      {isTruncated && <p className="mt-6 text-sm text-muted">{t("truncated", { count: total })}</p>}
      {nodes.length > 0 ? (
        <div className="mt-8">
          <ReplyList nodes={nodes} depth={0} thread={{ scenarioId: scenario.id, base, canReply }} />
        </div>
      ) : (
        <p className="mt-8 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{t("empty")}</p>
      )}
    </section>
  );
}
