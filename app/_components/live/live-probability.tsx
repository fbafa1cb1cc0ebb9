"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ScenarioCommunity } from "@/lib/forecasts/community";
import { postPath } from "@/lib/forum/paths";
import { communityFor, formatBandEnd, formatPercent } from "@/app/_components/forecast/probability";
import { useLive } from "./live-context";

type Props = {
  scenarioId: string;
  /** The scenario's community figure when the page was rendered (null while hidden or without an estimate). */
  initial: ScenarioCommunity | null;
};

function useFigure(scenarioId: string, initial: ScenarioCommunity | null) {
  const live = useLive();
  return live?.community ? { figure: communityFor(live.community, scenarioId), view: live.community } : { figure: initial, view: null };
}

/** A card's community probability and its band, moving when `forecast.updated` arrives; nothing while hidden. */
export function LiveProbability({ scenarioId, initial }: Props) {
  const tc = useTranslations("community");
  const format = useFormatter();
  const { figure } = useFigure(scenarioId, initial);
  if (!figure) return null;
  const percent = formatPercent(format, figure.probability);
  const ends = { low: formatBandEnd(format, figure.low), high: formatBandEnd(format, figure.high) };
  const spoken = `${tc("figure", { probability: percent })} · ${tc("band", ends)}`;
  return (
    <p className="flex flex-col items-center text-center leading-tight" data-card-probability={scenarioId} title={spoken}>
      <span className="sr-only">{spoken}</span>
      <span aria-hidden="true" className="text-lg font-bold tabular-nums text-accent sm:text-xl" data-value={figure.probability}>
        {percent}
      </span>
      <span aria-hidden="true" className="text-[0.7rem] whitespace-nowrap text-muted tabular-nums">
        {tc("range", ends)}
      </span>
    </p>
  );
}

type PanelProps = Props & { forecasters: number; revealed: boolean; threshold: number; slug: string; isResolved: boolean };

/** The scenario page's community figure: the number, its band drawn on a 0–100 track, and what it rests on. */
export function LiveProbabilityPanel({ scenarioId, initial, forecasters, revealed, threshold, slug, isResolved }: PanelProps) {
  const tc = useTranslations("community");
  const format = useFormatter();
  const { figure, view } = useFigure(scenarioId, initial);
  const isRevealed = view ? view.revealed : revealed;
  const count = view ? view.forecasters : forecasters;
  return (
    <section aria-labelledby="community-heading" className="rounded-2xl border border-line bg-card p-5">
      <h2 id="community-heading" className="text-base font-semibold">
        {tc("heading")}
      </h2>
      {figure ? (
        <div data-panel-probability={scenarioId}>
          <p className="mt-3 flex items-baseline gap-2">
            <span className="text-4xl font-bold tabular-nums text-accent" data-value={figure.probability}>
              {formatPercent(format, figure.probability)}
            </span>
            <span className="text-sm text-muted">{tc("likely")}</span>
          </p>
          <div aria-hidden="true" className="relative mt-3 h-2.5 overflow-hidden rounded-full bg-line/70">
            <span className="absolute inset-y-0 bg-accent/30" style={{ insetInlineStart: `${figure.low}%`, width: `${Math.max(0.5, figure.high - figure.low)}%` }} />
            <span className="absolute inset-y-0 w-1 -translate-x-1/2 rounded-full bg-accent rtl:translate-x-1/2" style={{ insetInlineStart: `${figure.probability}%` }} />
          </div>
          <p className="mt-2 text-sm text-muted">
            {figure.low === figure.high
              ? tc("bandPoint", { value: formatBandEnd(format, figure.low) })
              : tc("bandLong", { low: formatBandEnd(format, figure.low), high: formatBandEnd(format, figure.high) })}
          </p>
          <p className="mt-1 text-sm text-muted">{tc("basis", { count })}</p>
        </div>
      ) : isRevealed ? (
        <p className="mt-2 text-sm text-muted">{tc("noEstimateLong")}</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-muted">{tc("hiddenBody", { threshold })}</p>
          <p className="mt-2 text-sm font-semibold">{tc("progress", { count, threshold })}</p>
        </>
      )}
      {!isResolved && (
        <a href={`${postPath(slug)}#forecast`} className="mt-4 inline-block text-sm font-semibold text-accent hover:underline hover:underline-offset-4">
          {tc("forecastLink")}
        </a>
      )}
    </section>
  );
}
