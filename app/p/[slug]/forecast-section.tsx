import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { isModerator } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { getForecast } from "@/lib/forecasts/forecasts";
import { listPostScores } from "@/lib/forecasts/resolution";
import type { PostView } from "@/lib/forum/post-view";
import { loadVisibleScenarios, revealThreshold, type PostResolution } from "@/app/_components/forecast/forecast-data";
import { LockIcon } from "@/app/_components/ui/icons";
import { Leaderboard } from "@/app/_components/forecast/leaderboard";
import { ModeratorPanel } from "./moderator-panel";
import { ResolveForm } from "@/app/_components/forecast/resolve-form";
import { ScenarioMap } from "@/app/_components/forecast/scenario-map";
import { SharedForecast } from "@/app/_components/forecast/shared-forecast";
import { primaryButton } from "@/app/_components/ui/button-styles";
import { titledScenarios } from "@/lib/rules/forecast-limits";

/**
 * The forecasting part of a post page: the resolution (once there is one), the scenario map, the member's
 * forecast (or why they cannot make one), and the scores after resolution. Server-rendered; the map and the
 * editor are the only client islands.
 */
export async function ForecastArea({ post }: { post: PostView }) {
  const ctx = await currentContext();
  const [t, scenarios, { community, mine }] = await Promise.all([
    getTranslations("forecast"),
    loadVisibleScenarios(post.id),
    getForecast(ctx, { postId: post.id }),
  ]);
  const { resolution } = post;
  const threshold = revealThreshold();
  const { actor } = ctx;
  const mayForecast = can(actor, { action: "forecast.submit", target: { post: { isLocked: post.locked, isResolved: resolution !== null } } });
  const scores = resolution ? await listPostScores(ctx, { postId: post.id }) : [];
  // Places for all, titles for the likeliest: the rest come when a reader asks for them (the page stays small).
  const mapScenarios = scenarios.map((s, i) => ({ id: s.id, x: s.x, y: s.y, ...(i < titledScenarios && { title: s.title }) }));
  const empty = <p className="mt-3 text-muted">{t("noScenarios")}</p>;
  const closed = post.locked ? (
    <p className="mt-3 flex items-center gap-2 text-muted">
      <LockIcon />
      {t("closedLocked")}
    </p>
  ) : (
    <p className="mt-3 text-muted">{t("forbidden")}</p>
  );

  return (
    <>
      {resolution && <ResolutionBanner resolution={resolution} post={post} title={scenarios.find((s) => s.id === resolution.scenarioId)?.title ?? null} />}

      {/* The map breaks out of the reading column on wide screens: equal negative margins, so it stays centred in either direction. */}
      <div className="lg:mx-[calc((100%-min(100vw-4rem,61rem))/2)]">
        <ScenarioMap
          postId={post.id}
          scenarios={mapScenarios}
          hrefBase={`/p/${post.slug}/s/`}
          community={community}
          axes={post.axes}
          lang={post.lang}
          threshold={threshold}
          resolvedScenarioId={resolution?.outcome === "scenario" ? resolution.scenarioId : null}
        />
      </div>

      <section id="forecast" aria-labelledby="forecast-heading" className="scroll-mt-16 rounded-3xl border border-line bg-card p-5 sm:p-8">
        <h2 id="forecast-heading" className="text-2xl font-bold">
          {t("heading")}
        </h2>
        {resolution ? (
          <p className="mt-3 flex items-center gap-2 text-muted">
            <LockIcon />
            {t("closedResolved")}
          </p>
        ) : (
          <SharedForecast
            postId={post.id}
            // A reader the page was rendered for; else the member's layer, on the shared render.
            member={
              actor && {
                forecast: mine ?? null,
                newSinceForecast: scenarios.filter((s) => mine && s.createdAt > mine.createdAt).map((s) => s.id),
                may: { forecast: mayForecast },
              }
            }
            scenarios={mapScenarios}
            community={community}
            threshold={threshold}
            closed={closed}
            empty={empty}
            signedOut={
              <div data-signed-out className="mt-3">
                <p className="text-muted">{t("signInBody")}</p>
                <Link
                  href={`/signin?next=${encodeURIComponent(`/p/${post.slug}#forecast`)}`}
                  className={`${primaryButton} mt-4 inline-block px-6 py-2.5 font-semibold`}
                >
                  {t("signIn")}
                </Link>
              </div>
            }
          />
        )}
      </section>

      {resolution && <Leaderboard scores={scores} annulled={resolution.outcome === "annulled"} viewerId={actor?.id ?? null} />}
    </>
  );
}

/** Which scenario happened (or none, or annulled), the moderator's note, and the date it is dated to. */
async function ResolutionBanner({ resolution, post, title }: { resolution: PostResolution; post: PostView; title: string | null }) {
  const [t, format] = await Promise.all([getTranslations("resolution"), getFormatter()]);
  const date = format.dateTime(new Date(resolution.resolvedAt), { dateStyle: "long" });
  return (
    <section aria-labelledby="resolution-heading" className="rounded-3xl border-2 border-gold/60 bg-gold-soft p-5 sm:p-7" data-resolution={resolution.outcome}>
      <p className="flex items-center gap-2 text-sm font-semibold text-gold">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
        </svg>
        {resolution.outcome === "annulled" ? t("kickerAnnulled") : t("kicker")}
        <span aria-hidden="true">·</span>
        <time dateTime={resolution.resolvedAt} className="font-medium">
          {date}
        </time>
      </p>
      <h2 id="resolution-heading" className="mt-2 text-xl font-bold leading-snug sm:text-2xl">
        {resolution.outcome === "scenario" ? (
          <>
            {t("happened")}{" "}
            {title ? (
              <Link href={`/p/${post.slug}/s/${resolution.scenarioId}`} className="underline decoration-gold/60 underline-offset-4 hover:decoration-gold">
                <bdi>{title}</bdi>
              </Link>
            ) : (
              t("unknownScenario")
            )}
          </>
        ) : resolution.outcome === "other" ? (
          t("other")
        ) : (
          t("annulled")
        )}
      </h2>
      {resolution.note && (
        <p dir="auto" className="mt-3 leading-relaxed whitespace-pre-line">
          {resolution.note}
        </p>
      )}
      <p className="mt-3 text-sm text-muted">{resolution.outcome === "annulled" ? t("annulledHint") : t("scoredHint")}</p>
    </section>
  );
}

/** The moderators' form to resolve the post, folded away under its own heading; nothing for anyone else. */
export async function ResolvePanel({ post }: { post: PostView }) {
  const ctx = await currentContext();
  if (!isModerator(ctx.actor)) return null;
  if (!can(ctx.actor, { action: "post.resolve", target: { post: { isResolved: post.resolution !== null } } })) return null;
  const [t, scenarios] = await Promise.all([getTranslations("resolution"), loadVisibleScenarios(post.id)]);
  return (
    <ModeratorPanel id="resolve-heading" heading={t("form.heading")} badge={t("form.moderators")} lead={t("form.lead")}>
      <ResolveForm postId={post.id} scenarios={scenarios.map((s) => ({ id: s.id, title: s.title }))} createdAt={post.createdAt} />
    </ModeratorPanel>
  );
}
