import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { ValidationFailed } from "@/lib/errors";
import type { PostView } from "@/lib/forum/post-view";
import { listScenarios } from "@/lib/forum/scenarios";
import { loadVisibleScenarios } from "@/app/_components/forecast/forecast-data";
import { ContestNotice } from "@/app/_components/moderation/contest-notice";
import { LockIcon } from "@/app/_components/ui/icons";
import { MemberOnly } from "@/app/_components/auth/member-only";
import { LiveHideable } from "@/app/_components/live/live-hideable";
import { ScenarioCard } from "@/app/_components/forum/scenario-card";
import { ScenarioComposer } from "@/app/_components/forum/scenario-composer";
import { SortTabs } from "@/app/_components/forum/sort-tabs";
import { isScenarioSort, type ScenarioSort } from "@/lib/rules/scenario-sorts";
import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = { post: PostView; sort: ScenarioSort; cursor?: string; lang?: string };

const pageSize = 20;

/** A cursor from an old or hand-edited link falls back to the first page rather than an error page. */
async function loadPage(post: PostView, sort: ScenarioSort, cursor: string | undefined) {
  const ctx = await currentContext();
  try {
    return await listScenarios(ctx, { postId: post.id, sort, limit: pageSize, cursor });
  } catch (error) {
    if (!(error instanceof ValidationFailed) || !cursor) throw error;
    return listScenarios(ctx, { postId: post.id, sort, limit: pageSize });
  }
}

export function parseSort(value: unknown): ScenarioSort {
  return isScenarioSort(value) ? value : "best";
}

/** The post's scenarios: sort links (contest mode's notice instead while it lasts), the ranked cards, "more", and the composer (or why there is none). */
export async function ScenarioSection({ post, sort, cursor, lang }: Props) {
  const [{ actor }, t, tPost, tComposer] = await Promise.all([currentContext(), getTranslations("scenarios"), getTranslations("post"), getTranslations("composer")]);
  const moderates = can(actor, { action: "content.moderate" });
  const [{ scenarios, nextCursor }, mergeTargets] = await Promise.all([loadPage(post, sort, cursor), moderates ? loadVisibleScenarios(post.id) : []]);
  const hrefFor = (next: { sort: ScenarioSort; cursor?: string | null }) => {
    const query = new URLSearchParams();
    if (next.sort !== "best") query.set("sort", next.sort);
    if (next.cursor) query.set("cursor", next.cursor);
    if (lang) query.set("lang", lang);
    const search = query.toString();
    return `/p/${post.slug}${search ? `?${search}` : ""}#scenarios`;
  };
  const mayPropose = can(actor, { action: "scenario.create", target: { post: { isLocked: post.locked } } });

  return (
    <>
      <section id="scenarios" aria-labelledby="scenarios-heading" className="scroll-mt-6">
        <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
          <h2 id="scenarios-heading" className="flex items-baseline gap-3 text-2xl font-bold">
            {tPost("scenarios")}
            <span className="text-base font-medium text-muted">{t("count", { count: post.scenarioCount })}</span>
          </h2>
          {post.scenarioCount > 0 && (
            <MayPropose post={post} actor={actor}>
              <a href="#propose" className="text-sm font-semibold text-accent hover:underline hover:underline-offset-4">
                + {t("propose")}
              </a>
            </MayPropose>
          )}
        </div>
        {post.locked && (
          <p className="mt-3 flex items-center gap-2 rounded-xl border border-line bg-card px-4 py-2.5 text-sm text-muted">
            <LockIcon />
            {tPost("locked")}
          </p>
        )}
        <ContestNotice contestUntil={post.contestUntil} actor={actor} />
        {post.scenarioCount > 0 && !post.contestUntil && (
          <div className="mt-4">
            <SortTabs current={sort} hrefFor={(s) => hrefFor({ sort: s })} />
          </div>
        )}
        {scenarios.length > 0 ? (
          <ol className="mt-5 space-y-3">
            {scenarios.map((scenario) => (
              <LiveHideable key={scenario.id} id={scenario.id}>
                <li>
                  <ScenarioCard scenario={scenario} post={post} actor={actor} mergeTargets={mergeTargets} />
                </li>
              </LiveHideable>
            ))}
          </ol>
        ) : (
          <div className="mt-5 rounded-2xl border border-dashed border-line px-6 py-10 text-center">
            <p className="text-lg font-semibold">{cursor ? t("pageEmpty") : tPost("scenariosEmptyTitle")}</p>
            {!cursor && <p className="mx-auto mt-2 max-w-md text-muted">{tPost("scenariosEmptyBody")}</p>}
            {!cursor && (
              <MayPropose post={post} actor={actor}>
                <a href="#propose" className={`${primaryButton} mt-5 inline-block px-5 py-2 font-semibold`}>
                  {t("emptyCta")}
                </a>
              </MayPropose>
            )}
          </div>
        )}
        {(nextCursor || cursor) && (
          <div className="mt-5 flex flex-wrap items-center justify-center gap-3">
            {cursor && (
              <Link href={hrefFor({ sort })} className="rounded-full border border-line px-5 py-2 text-sm font-medium text-muted hover:border-accent hover:text-ink">
                {t("firstPage")}
              </Link>
            )}
            {nextCursor && (
              <Link href={hrefFor({ sort, cursor: nextCursor })} className="rounded-full border border-accent px-5 py-2 text-sm font-semibold text-accent hover:bg-accent-soft">
                {t("more")}
              </Link>
            )}
          </div>
        )}
      </section>

      <section id="propose" aria-labelledby="propose-heading" className="scroll-mt-6 rounded-3xl border border-line bg-card p-5 sm:p-8">
        <h2 id="propose-heading" className="text-2xl font-bold">
          {tComposer("heading")}
        </h2>
        {post.locked && !mayPropose ? (
          <p className="mt-3 flex items-center gap-2 text-muted">
            <LockIcon />
            {tComposer("locked")}
          </p>
        ) : (
          <MayPropose
            post={post}
            actor={actor}
            refused={<p className="mt-3 text-muted">{tComposer("errors.forbidden")}</p>}
            signedOut={
              <div data-signed-out className="mt-3">
                <p className="font-semibold">{tComposer("signInTitle")}</p>
                <p className="mt-1 text-muted">{tComposer("signInBody")}</p>
                <Link
                  href={`/signin?next=${encodeURIComponent(`/p/${post.slug}#propose`)}`}
                  className={`${primaryButton} mt-4 inline-block px-6 py-2.5 font-semibold`}
                >
                  {tComposer("signIn")}
                </Link>
              </div>
            }
          >
            <div className="mt-3">
              <ScenarioComposer postId={post.id} slug={post.slug} axes={post.axes} axesLang={post.lang} />
            </div>
          </MayPropose>
        )}
      </section>
    </>
  );
}

type MayProposeProps = { post: PostView; actor: Actor | null; signedOut?: React.ReactNode; refused?: React.ReactNode; children: React.ReactNode };

/**
 * What only a reader who may propose a scenario sees. The verb decides for a reader the page was rendered for; on
 * the shared render (an anonymous reader's page, which a member may be shown) the member's layer decides.
 */
function MayPropose({ post, actor, signedOut = null, refused = null, children }: MayProposeProps) {
  if (actor) return can(actor, { action: "scenario.create", target: { post: { isLocked: post.locked } } }) ? children : refused;
  return (
    <MemberOnly postId={post.id} may="propose" signedOut={signedOut} refused={refused}>
      {children}
    </MemberOnly>
  );
}
