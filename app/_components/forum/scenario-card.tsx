import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { scenarioPath } from "@/lib/forum/paths";
import type { PostView } from "@/lib/forum/post-view";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { Avatar, AuthorLink } from "@/app/_components/forum/author-chip";
import { AxisMap } from "@/app/_components/axes/axis-map";
import { LockIcon, PinIcon, ReplyIcon } from "@/app/_components/ui/icons";
import { LiveProbability } from "@/app/_components/live/live-probability";
import { LiveReplyCount } from "@/app/_components/live/live-reply-count";
import { ModerationMenu, type MergeTarget } from "@/app/_components/moderation/moderation-menu";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import { VoteButtons, type VoteMode } from "@/app/_components/forum/vote-buttons";

/** Which vote buttons a reader gets: the permission module decides, the reason only picks the wording. */
function voteModeFor(actor: Actor | null, scenario: ScenarioView, post: PostView): VoteMode {
  if (!actor) return "signIn";
  if (actor.id === scenario.author.id) return "own";
  const target = { authorId: scenario.author.id, status: scenario.status, isLocked: scenario.locked, post: { isLocked: post.locked } };
  return can(actor, { action: "scenario.vote", target }) ? "vote" : "closed";
}

/** What the vote buttons of a scenario need, for this reader and for the member a shared render may be shown to. */
export function voteProps(actor: Actor | null, scenario: ScenarioView, post: PostView) {
  return {
    scenarioId: scenario.id,
    initial: { score: scenario.score, up: scenario.up, down: scenario.down, myVote: scenario.myVote ?? 0 },
    mode: voteModeFor(actor, scenario, post),
    shared: { postId: post.id, authorId: scenario.author.id, closed: scenario.status !== "visible" || scenario.locked },
  };
}

/** A scenario in the post's list: votes, title, excerpt, who and when, replies, its community probability and its spot on the axes. */
export async function ScenarioCard({ scenario, post, actor, mergeTargets = [] }: { scenario: ScenarioView; post: PostView; actor: Actor | null; mergeTargets?: MergeTarget[] }) {
  const [t, tNotices] = await Promise.all([getTranslations("scenarios"), getTranslations("modNotices")]);
  const href = scenarioPath(post.slug, scenario.id);
  const placement = t("placement", { xLabel: post.axes.x.label, x: scenario.x, yLabel: post.axes.y.label, y: scenario.y });
  return (
    <article aria-labelledby={`scenario-${scenario.id}`} className="scenario-card" data-pinned={scenario.pinned || undefined}>
      <VoteButtons {...voteProps(actor, scenario, post)} />
      <div className="min-w-0 flex-1 pt-1">
        {(scenario.pinned || scenario.locked || scenario.status !== "visible") && (
          <p className="mb-1.5 flex flex-wrap gap-2 text-xs font-semibold">
            {scenario.pinned && (
              <span className="inline-flex items-center gap-1 text-gold">
                <PinIcon />
                {t("pinned")}
              </span>
            )}
            {scenario.locked && (
              <span className="inline-flex items-center gap-1 text-muted" data-scenario-locked>
                <LockIcon />
                {tNotices("lockedBadge")}
              </span>
            )}
            {scenario.status === "hidden" && <span className="text-danger">{t("hidden")}</span>}
            {scenario.status === "merged" && <span className="text-muted">{t("merged")}</span>}
          </p>
        )}
        <h3 id={`scenario-${scenario.id}`} dir="auto" className="scenario-card-title">
          <Link href={href} className="title-link">
            {scenario.title}
          </Link>
        </h3>
        {scenario.excerpt && (
          <p dir="auto" className="scenario-card-excerpt">
            {scenario.excerpt}
          </p>
        )}
        <div className="scenario-card-meta">
          <span className="flex min-w-0 items-center gap-1.5">
            <Avatar name={scenario.author.name} className="size-6 text-[0.7rem]" />
            <AuthorLink author={scenario.author} className="truncate" />
          </span>
          <TimeAgo iso={scenario.createdAt} />
          <Link href={`${href}#debate`} className="inline-flex items-center gap-1 hover:text-accent">
            <ReplyIcon />
            <LiveReplyCount scenarioId={scenario.id} initial={scenario.replyCount} />
          </Link>
          {can(actor, { action: "content.moderate" }) && (
            <ScenarioModerationMenu scenario={scenario} mergeTargets={mergeTargets} />
          )}
        </div>
      </div>
      <div className="flex shrink-0 flex-col items-center gap-2">
        <LiveProbability scenarioId={scenario.id} initial={scenario.community} />
        <AxisMap x={scenario.x} y={scenario.y} label={placement} className="mt-1 size-12 sm:size-16" />
      </div>
    </article>
  );
}

/** A moderator's menu on a scenario (card or page): its state, and the post's other scenarios it can be merged into. */
export function ScenarioModerationMenu({ scenario, mergeTargets }: { scenario: ScenarioView; mergeTargets: MergeTarget[] }) {
  return (
    <ModerationMenu
      targetType="scenario"
      targetId={scenario.id}
      hidden={scenario.status === "hidden"}
      merged={scenario.status === "merged"}
      locked={scenario.locked}
      pinned={scenario.pinned}
      version={scenario.moderation?.version ?? 0}
      mergeTargets={mergeTargets.filter((target) => target.id !== scenario.id)}
    />
  );
}
