import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can, canSee } from "@/lib/auth/permissions";
import { listScenarioRevisions } from "@/lib/forum/scenarios";
import { tallyStances } from "@/lib/forum/replies";
import { getForecast } from "@/lib/forecasts/forecasts";
import { isFollowing } from "@/lib/notify/follows";
import { feedPaths } from "@/lib/feeds/feeds";
import { scenarioPath } from "@/lib/forum/paths";
import { FeedLink } from "@/app/_components/forum/feed-link";
import { previewMetadata } from "@/app/_components/meta/page-metadata";
import { Avatar, AuthorLink } from "@/app/_components/forum/author-chip";
import { AxisPlacement } from "@/app/_components/axes/axis-placement";
import { FollowButton } from "@/app/_components/forum/follow-button";
import { Breadcrumb } from "@/app/_components/forum/breadcrumb";
import { LockIcon, PinIcon } from "@/app/_components/ui/icons";
import { HiddenNotice } from "@/app/_components/moderation/moderation-notice";
import { RevisionHistory } from "@/app/_components/forum/revision-history";
import { ScenarioModerationMenu, voteProps } from "@/app/_components/forum/scenario-card";
import { ContestNotice } from "@/app/_components/moderation/contest-notice";
import { ScenarioEditor } from "@/app/_components/forum/scenario-editor";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import { VoteButtons } from "@/app/_components/forum/vote-buttons";
import { LiveProvider } from "@/app/_components/live/live-context";
import { LiveStatus } from "@/app/_components/live/live-status";
import { LiveProbabilityPanel } from "@/app/_components/live/live-probability";
import { loadVisibleScenarios, revealThreshold } from "@/app/_components/forecast/forecast-data";
import { ForecastHistory } from "./forecast-history";
import { DebateSection } from "./debate-section";
import { isPaged } from "@/lib/forum/thread-page";
import { loadScenario, loadThreadPage } from "./load";

type Props = {
  params: Promise<{ slug: string; id: string }>;
  /** `after`: the debate's page after this cursor; `reply`: the page that starts with that reply's thread. */
  searchParams: Promise<{ after?: string | string[]; reply?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ post, scenario }, tSite, tFeeds] = await Promise.all([loadScenario(slug, id), getTranslations("site"), getTranslations("feeds")]);
  return previewMetadata({
    title: scenario.title,
    description: scenario.excerpt || post.question,
    path: scenarioPath(post.slug, scenario.id),
    lang: post.lang,
    siteName: tSite("name"),
    feed: { path: feedPaths.scenario(scenario.id), title: tFeeds("scenarioTitle", { scenario: scenario.title }) },
    largeImage: true,
    type: "article",
  });
}

function mergedTarget(slug: string, into: string, query: Awaited<Props["searchParams"]>): string {
  const reply = typeof query.reply === "string" ? query.reply : null;
  return `${scenarioPath(slug, into)}${reply ? `?reply=${encodeURIComponent(reply)}#reply-${encodeURIComponent(reply)}` : ""}`;
}

export default async function ScenarioPage({ params, searchParams }: Props) {
  const [{ slug, id }, query] = await Promise.all([params, searchParams]);
  const { ctx, post, scenario } = await loadScenario(slug, id);
  const moderates = can(ctx.actor, { action: "content.moderate" });
  // A merged scenario's link leads to the scenario it went into (with the reply it pointed at), for whoever may not
  // read its text (the visibility rule): moderators stay to see what was merged and undo it, its author to read it.
  if (scenario.status === "merged" && scenario.mergedInto && !canSee(ctx.actor, { status: scenario.status, authorId: scenario.author.id })) redirect(mergedTarget(post.slug, scenario.mergedInto, query));
  const [t, tScenarios, tPost, tResolution, tNotices, revisions, tally, thread, { community }, following, mergeTargets] = await Promise.all([
    getTranslations("scenario"),
    getTranslations("scenarios"),
    getTranslations("post"),
    getTranslations("resolution"),
    getTranslations("modNotices"),
    // The latest revisions only: their HTML is stored, so the page costs the same however often it was edited.
    listScenarioRevisions(ctx, { scenarioId: scenario.id, limit: 20 }),
    tallyStances(scenario.id),
    loadThreadPage(scenario.id, query),
    getForecast(ctx, { postId: post.id }),
    isFollowing(ctx, "scenario", scenario.id),
    moderates ? loadVisibleScenarios(post.id) : [],
  ]);
  const resolution = post.resolution;
  const threshold = revealThreshold();
  const { actor } = ctx;
  const postState = { isLocked: post.locked };
  const canEdit = can(actor, { action: "scenario.edit", target: { authorId: scenario.author.id, post: postState } });
  const canReply = can(actor, { action: "reply.create", target: { post: postState, scenario: { status: scenario.status, isLocked: scenario.locked } } });

  return (
    <LiveProvider postId={post.id} initialSeq={post.lastSeq} scenarioId={scenario.id} debatePaged={isPaged(thread)} viewerId={actor?.id ?? null} moderates={moderates}>
      <div className="py-6 sm:py-10">
        <Breadcrumb
          items={[
            { label: post.title, href: `/p/${post.slug}`, lang: post.lang, isUserText: true },
            { label: scenario.title, isUserText: true },
          ]}
        />
        <div className="mt-6 lg:grid lg:grid-cols-[minmax(0,1fr)_17rem] lg:gap-x-12">
          <article aria-labelledby="scenario-title" className="min-w-0 lg:col-start-1 lg:row-start-1">
            <HiddenNotice status={scenario.status} moderation={scenario.moderation} className="mb-5" />
            {scenario.status === "merged" && (
              <p className="mb-5 rounded-xl border border-line bg-card px-4 py-3 text-sm">
                {t("mergedNotice")}{" "}
                {scenario.mergedInto && (
                  <Link href={scenarioPath(post.slug, scenario.mergedInto)} className="font-semibold text-accent underline underline-offset-4">
                    {t("mergedLink")}
                  </Link>
                )}
              </p>
            )}
            {resolution && (
              <p className={`mb-5 flex items-center gap-2 rounded-xl border px-4 py-3 text-sm font-medium ${resolution.scenarioId === scenario.id ? "border-gold/60 bg-gold-soft text-gold" : "border-line bg-card text-muted"}`} data-scenario-resolution>
                <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                  <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
                </svg>
                <span>
                  {resolution.scenarioId === scenario.id ? tResolution("thisHappened") : resolution.outcome === "annulled" ? tResolution("annulled") : tResolution("otherHappened")}{" "}
                  <Link href={`/p/${post.slug}#scores`} className="underline underline-offset-4">
                    {tResolution("seeScores")}
                  </Link>
                </span>
              </p>
            )}
            <ContestNotice contestUntil={post.contestUntil} actor={actor} className="mb-5" />
            <div className="flex items-start gap-3 sm:gap-5">
              <div className="shrink-0 rounded-2xl border border-line bg-card px-1 py-1.5">
                <VoteButtons {...voteProps(actor, scenario, post)} />
              </div>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="flex flex-wrap gap-3 text-xs font-semibold">
                    {scenario.pinned && (
                      <span className="mb-1 inline-flex items-center gap-1 text-gold">
                        <PinIcon />
                        {tScenarios("pinned")}
                      </span>
                    )}
                    {scenario.locked && (
                      <span className="mb-1 inline-flex items-center gap-1 text-muted" data-scenario-locked>
                        <LockIcon />
                        {tNotices("lockedBadge")}
                      </span>
                    )}
                  </p>
                  {moderates && (
                    <ScenarioModerationMenu scenario={scenario} mergeTargets={mergeTargets} />
                  )}
                </div>
                <h1 id="scenario-title" dir="auto" className="text-2xl font-bold leading-snug break-words sm:text-3xl sm:leading-snug">
                  {scenario.title}
                </h1>
                <div className="mt-3 flex flex-wrap items-center gap-x-2.5 gap-y-1 text-sm text-muted">
                  <span className="flex min-w-0 items-center gap-2">
                    <Avatar name={scenario.author.name} />
                    <AuthorLink author={scenario.author} />
                  </span>
                  <span aria-hidden="true">·</span>
                  <TimeAgo iso={scenario.createdAt} />
                  {scenario.editedAt && (
                    <>
                      <span aria-hidden="true">·</span>
                      <span>
                        {tScenarios("edited")} <TimeAgo iso={scenario.editedAt} />
                      </span>
                    </>
                  )}
                </div>
              </div>
            </div>
            <div dir="auto" className="user-text mt-6 sm:ps-[4.25rem]" dangerouslySetInnerHTML={{ __html: scenario.html }} />
            <div className="sm:ps-[4.25rem]">
              <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
                <FollowButton targetType="scenario" targetId={scenario.id} initialFollowing={following} initialCount={scenario.followerCount} signedIn={!!actor} />
                <FeedLink href={feedPaths.scenario(scenario.id)} what={scenario.title} />
              </div>
              {canEdit && (
                <div className="mt-6">
                  <ScenarioEditor scenarioId={scenario.id} current={{ title: scenario.title, body: scenario.body, x: scenario.x, y: scenario.y }} axes={post.axes} axesLang={post.lang} />
                </div>
              )}
              <RevisionHistory revisions={revisions.revisions} axes={post.axes} />
            </div>
          </article>

          <aside className="mt-8 space-y-5 lg:sticky lg:top-6 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:mt-0 lg:self-start">
            {scenario.status === "visible" && (
              <LiveProbabilityPanel
                scenarioId={scenario.id}
                initial={scenario.community}
                forecasters={community.forecasters}
                revealed={community.revealed}
                threshold={threshold}
                slug={post.slug}
                isResolved={resolution !== null}
              />
            )}
            <AxisPlacement x={scenario.x} y={scenario.y} axes={post.axes} lang={post.lang} />
            <section aria-labelledby="question-heading" className="rounded-2xl border border-gold/40 bg-gold-soft p-5">
              <h2 id="question-heading" className="text-sm font-semibold text-gold">
                {tPost("question")}
              </h2>
              <p lang={post.lang} dir="auto" className="font-article mt-2 leading-relaxed">
                <Link href={`/p/${post.slug}`} className="hover:underline hover:underline-offset-4">
                  {post.question}
                </Link>
              </p>
            </section>
          </aside>

          <div className="min-w-0 lg:col-start-1 lg:row-start-2">
            {/* After the aside on phones: the figure first, then how it got there. */}
            {scenario.status === "visible" && (
              <ForecastHistory ctx={ctx} postId={post.id} scenarioId={scenario.id} community={community} threshold={threshold} resolvedAt={resolution?.resolvedAt ?? null} />
            )}
            <LiveStatus />
            <DebateSection
              post={post}
              scenario={scenario}
              actor={actor}
              thread={thread}
              tally={tally}
              canReply={canReply}
              moderates={moderates}
            />
          </div>
        </div>
      </div>
    </LiveProvider>
  );
}
