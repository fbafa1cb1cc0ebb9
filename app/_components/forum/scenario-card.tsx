import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { scenarioPath } from "@/lib/forum/paths";
import type { PostView } from "@/lib/forum/post-view";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { ScenarioCardView } from "@/app/_components/forum/scenario-card-view";
import { LockIcon, PinIcon } from "@/app/_components/ui/icons";
import { ModerationMenu, type MergeTarget } from "@/app/_components/moderation/moderation-menu";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import type { VoteMode } from "@/app/_components/forum/vote-buttons";

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
  const { id, title, excerpt, x, y, replyCount, community, pinned, author } = scenario;
  const badges = pinned || scenario.locked || scenario.status !== "visible" ? (
    <p className="mb-1.5 flex flex-wrap gap-2 text-xs font-semibold">
      {pinned && (
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
  ) : null;
  return (
    <ScenarioCardView
      scenario={{ id, title, excerpt, x, y, replyCount, community, pinned, author: { handle: author.handle, name: author.name } }}
      href={scenarioPath(post.slug, id)}
      placement={t("placement", { xLabel: post.axes.x.label, x, yLabel: post.axes.y.label, y })}
      votes={voteProps(actor, scenario, post)}
      time={<TimeAgo iso={scenario.createdAt} />}
      badges={badges}
      moderation={can(actor, { action: "content.moderate" }) ? <ScenarioModerationMenu scenario={scenario} mergeTargets={mergeTargets} /> : null}
    />
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
