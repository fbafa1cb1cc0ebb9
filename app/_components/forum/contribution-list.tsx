import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ContributionReply, ContributionScenario } from "@/lib/forum/contributions";
import { replyInThreadPath, scenarioPath } from "@/lib/forum/paths";
import { StanceBadge } from "@/app/_components/debate/stance-badge";
import { TimeAgo } from "@/app/_components/ui/time-ago";

/** A member's latest scenarios and replies on their profile, each linking to where it lives. */
export async function ContributionList({ scenarios, replies }: { scenarios: ContributionScenario[]; replies: ContributionReply[] }) {
  const [t, tStance, tVote] = await Promise.all([getTranslations("profile"), getTranslations("stance"), getTranslations("vote")]);
  if (scenarios.length === 0 && replies.length === 0) {
    return <p className="mt-4 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{t("noContributions")}</p>;
  }
  return (
    <div className="mt-4 grid gap-6 md:grid-cols-2">
      {scenarios.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-muted">{t("scenarios", { count: scenarios.length })}</h3>
          <ul className="mt-2 divide-y divide-line rounded-2xl border border-line bg-card">
            {scenarios.map((scenario) => (
              <li key={scenario.id} className="px-4 py-3">
                <Link href={scenarioPath(scenario.postSlug, scenario.id)} dir="auto" className="font-semibold hover:text-accent hover:underline">
                  {scenario.title}
                </Link>
                <p className="mt-1 text-sm text-muted">
                  <bdi>{scenario.score === null ? tVote("scoreWithheld") : tVote("score", { score: scenario.score })}</bdi> · {t("repliesCount", { count: scenario.replyCount })} · <TimeAgo iso={scenario.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {replies.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-muted">{t("replies", { count: replies.length })}</h3>
          <ul className="mt-2 divide-y divide-line rounded-2xl border border-line bg-card">
            {replies.map((reply) => (
              <li key={reply.id} className="px-4 py-3">
                <Link href={replyInThreadPath(reply.postSlug, reply.scenarioId, reply.id)} dir="auto" className="line-clamp-2 hover:text-accent hover:underline">
                  {reply.excerpt}
                </Link>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                  <StanceBadge stance={reply.stance} label={tStance(reply.stance)} />
                  <bdi className="truncate">{reply.scenarioTitle}</bdi> · <TimeAgo iso={reply.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
