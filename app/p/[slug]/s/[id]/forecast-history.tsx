import { getTranslations } from "next-intl/server";
import type { Context } from "@/lib/auth/actor";
import type { CommunityView } from "@/lib/forecasts/community";
import { getForecastHistory, listMyForecasts } from "@/lib/forecasts/forecasts";
import { HistoryChart, HistoryTables } from "@/app/_components/forecast/history-chart";

type Props = { ctx: Context; postId: string; scenarioId: string; community: CommunityView; threshold: number; resolvedAt: string | null };

/** The scenario's community forecast over time with the member's own forecasts marked, or why there is none yet. */
export async function ForecastHistory({ ctx, postId, scenarioId, community, threshold, resolvedAt }: Props) {
  const [t, tc, { points }, mine] = await Promise.all([
    getTranslations("history"),
    getTranslations("community"),
    getForecastHistory(ctx, { postId, scenarioId }),
    listMyForecasts(ctx, { postId }),
  ]);
  const own = mine.map((f) => ({ at: f.createdAt, probability: f.probabilities[scenarioId] ?? 0 }));
  const resolved = resolvedAt ? new Date(resolvedAt) : null;
  return (
    <section id="history" aria-labelledby="history-heading" className="mt-8 mb-10 scroll-mt-16 rounded-2xl border border-line bg-card p-4 sm:p-6 lg:mt-10">
      <h2 id="history-heading" className="text-xl font-bold">
        {t("heading")}
      </h2>
      <p className="mt-1 mb-5 text-sm text-muted">{t("lead")}</p>
      {points.length > 0 ? (
        <HistoryChart points={points} mine={own} end={resolved ?? new Date()} resolvedAt={resolved} />
      ) : (
        <>
          <div className="rounded-xl border border-dashed border-line px-5 py-8 text-center" data-history-empty={community.revealed ? "no-points" : "hidden"}>
            <p className="font-semibold">{community.revealed ? t("emptyTitle") : tc("hiddenTitle")}</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-muted">
              {community.revealed ? t("emptyBody") : `${tc("hiddenBody", { threshold })} ${tc("progress", { count: community.forecasters, threshold })}`}
            </p>
          </div>
          <HistoryTables points={[]} mine={own} />
        </>
      )}
    </section>
  );
}
