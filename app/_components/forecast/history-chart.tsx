import { scaleLinear, scaleUtc } from "d3-scale";
import { area, curveStepAfter, line } from "d3-shape";
import type { DateTimeFormatOptions } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatBandEnd, formatPercent } from "@/app/_components/forecast/probability";

export type HistoryPoint = { at: string; probability: number; low: number; high: number; forecasters: number };
export type OwnForecast = { at: string; probability: number };

type Props = {
  points: HistoryPoint[];
  mine: OwnForecast[];
  /** Where the time axis ends: now, or the resolution for a resolved post. */
  end: Date;
  resolvedAt: Date | null;
};

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/*
 * Time runs left to right in both languages. Arabic text runs right to left, but Arabic news and financial
 * charts (and every chart our Arabic readers meet elsewhere) still put earlier dates on the left, so the chart
 * is laid out LTR (`dir="ltr"` on the figure) while its words stay Arabic. The map's horizontal axis, by
 * contrast, is a semantic scale from low to high and mirrors with the reading direction like the composer's pad.
 *
 * Drawing. The line and band are an SVG path in a 1000×100 viewBox stretched to the box (non-scaling strokes),
 * so the chart fits any width without measuring; tick labels and markers are HTML placed in percentages so text
 * and dots are never stretched. The community figure changes in steps (it is recomputed when forecasts arrive and
 * holds until the next change), so both are drawn as step curves, continued to the end of the axis.
 */
export async function HistoryChart({ points, mine, end, resolvedAt }: Props) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  const series = points.map((p) => ({ ...p, date: new Date(p.at) }));
  const own = mine.map((m) => ({ ...m, date: new Date(m.at) }));
  const first = Math.min(series[0]!.date.getTime(), ...own.map((m) => m.date.getTime()));
  const last = Math.max(end.getTime(), series.at(-1)!.date.getTime(), ...own.map((m) => m.date.getTime()));
  // A history a few seconds old still spans the chart: at least a minute is shown, ending now.
  const start = Math.min(first, last - 60 * 1000);
  const x = scaleUtc().domain([new Date(start), new Date(last)]).range([0, 1000]);
  const top = Math.max(10, ...series.map((p) => p.high), ...own.map((m) => m.probability));
  const y = scaleLinear().domain([0, Math.min(100, top * 1.1)]).nice(4).range([100, 0]);
  if (y.domain()[1]! > 100) y.domain([0, 100]);

  const stepped = [...series, { ...series.at(-1)!, date: new Date(last) }];
  const bandPath = area<(typeof stepped)[number]>()
    .x((p) => x(p.date))
    .y0((p) => y(p.low))
    .y1((p) => y(p.high))
    .curve(curveStepAfter)(stepped)!;
  const linePath = line<(typeof stepped)[number]>()
    .x((p) => x(p.date))
    .y((p) => y(p.probability))
    .curve(curveStepAfter)(stepped)!;

  const span = last - start;
  const tickFormat: DateTimeFormatOptions =
    span <= 2 * day ? { hour: "numeric", minute: "2-digit" } : span <= 180 * day ? { day: "numeric", month: "short" } : { month: "short", year: "numeric" };
  const timeTicks: { at: Date; label: string }[] = [];
  for (const tick of x.ticks(4)) {
    const label = format.dateTime(tick, tickFormat);
    if (timeTicks.at(-1)?.label !== label) timeTicks.push({ at: tick, label });
  }
  const valueTicks = y.ticks(4);
  const latest = series.at(-1)!;
  const percentAt = (value: number) => `${(x(new Date(value)) / 10).toFixed(2)}%`;
  const full = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <figure>
      <div
        dir="ltr"
        role="img"
        aria-label={t("summary", {
          latest: formatPercent(format, latest.probability),
          first: formatPercent(format, series[0]!.probability),
          since: format.dateTime(series[0]!.date, { dateStyle: "medium" }),
        })}
        className="relative ms-0 me-1 ps-10 pb-7"
        data-history-chart
        data-points={series.length}
      >
        <div className="relative h-48 sm:h-60">
          <svg viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true" className="absolute inset-0 size-full overflow-visible">
            {valueTicks.map((v) => (
              <line key={v} x1={0} x2={1000} y1={y(v)} y2={y(v)} vectorEffect="non-scaling-stroke" stroke="var(--line)" strokeWidth={1} strokeDasharray={v === 0 ? undefined : "3 4"} />
            ))}
            <path d={bandPath} fill="var(--accent)" fillOpacity={0.16} />
            <path d={linePath} fill="none" stroke="var(--accent)" strokeWidth={2.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
            {resolvedAt && resolvedAt.getTime() >= start && (
              <line x1={x(resolvedAt)} x2={x(resolvedAt)} y1={0} y2={100} stroke="var(--gold)" strokeWidth={2} vectorEffect="non-scaling-stroke" strokeDasharray="5 4" />
            )}
          </svg>
          {valueTicks.map((v) => (
            <span key={v} aria-hidden="true" className="absolute -start-10 w-8 -translate-y-1/2 text-end text-xs text-muted tabular-nums" style={{ top: `${y(v)}%` }}>
              {format.number(v / 100, { style: "percent" })}
            </span>
          ))}
          {own.map((m) => (
            <span
              key={m.at}
              aria-hidden="true"
              title={t("yourPoint", { value: format.number(m.probability / 100, { style: "percent" }), when: full(m.at) })}
              className="absolute size-3 -translate-x-1/2 -translate-y-1/2 rotate-45 rounded-[2px] border-2 border-card bg-gold"
              style={{ left: percentAt(m.date.getTime()), top: `${y(m.probability)}%` }}
              data-own-forecast
            />
          ))}
          <span
            aria-hidden="true"
            className="absolute size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full bg-accent ring-4 ring-accent-soft"
            style={{ left: percentAt(last), top: `${y(latest.probability)}%` }}
          />
          <span
            aria-hidden="true"
            className="absolute -translate-y-full rounded bg-card/90 px-1 text-sm font-bold text-accent tabular-nums"
            style={{ right: 0, top: `calc(${y(latest.probability)}% - 0.4rem)` }}
          >
            {formatPercent(format, latest.probability)}
          </span>
          {resolvedAt && resolvedAt.getTime() >= start && (
            <span aria-hidden="true" className="absolute top-0 -translate-x-full rounded bg-card/90 px-1 text-xs font-semibold text-gold" style={{ left: percentAt(resolvedAt.getTime()) }}>
              {t("resolvedMark")}
            </span>
          )}
        </div>
        {timeTicks.map(({ at, label }) => {
          const left = x(at) / 10;
          const align = left < 6 ? "translate-x-0" : left > 94 ? "-translate-x-full" : "-translate-x-1/2";
          return (
            <span key={at.toISOString()} aria-hidden="true" className={`absolute bottom-0 text-xs whitespace-nowrap text-muted tabular-nums ${align}`} style={{ left: `calc(2.5rem + (100% - 2.5rem) * ${left / 100})` }}>
              {label}
            </span>
          );
        })}
      </div>
      <figcaption className="mt-3 flex flex-wrap gap-x-5 gap-y-1.5 text-xs text-muted">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="h-0.5 w-5 rounded-full bg-accent" />
          {t("legendLine")}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="h-3 w-5 rounded-sm bg-accent/20" />
          {t("legendBand")}
        </span>
        {own.length > 0 && (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2.5 rotate-45 rounded-[2px] bg-gold" />
            {t("legendMine")}
          </span>
        )}
      </figcaption>
      <HistoryTables points={points} mine={mine} />
    </figure>
  );
}

/** The head row of a history table: the time column at the start, figures aligned to the end. */
function ColumnHeads({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr className="border-b border-line text-muted">
        {labels.map((label, i) => (
          <th key={label} scope="col" className={`py-1.5 font-medium ${i === 0 ? "text-start" : "text-end"} ${i < labels.length - 1 ? "pe-3" : ""}`}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The same data for screen readers and anyone who wants the figures: the community's steps, then the member's own. */
export async function HistoryTables({ points, mine }: { points: HistoryPoint[]; mine: OwnForecast[] }) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  const full = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  if (points.length === 0 && mine.length === 0) return null;
  return (
    <details className="mt-4 rounded-xl border border-line">
      <summary className="cursor-pointer rounded-xl px-4 py-3 text-sm font-semibold text-accent">{t("tableSummary")}</summary>
      <div className="space-y-5 overflow-x-auto px-4 pb-4">
        {points.length > 0 && (
          <table className="w-full text-sm">
            <caption className="py-2 text-start font-semibold">{t("tableCaption")}</caption>
            <ColumnHeads labels={[t("columns.when"), t("columns.community"), t("columns.band"), t("columns.forecasters")]} />
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.at} className="border-b border-line/70 last:border-0">
                  <th scope="row" className="py-1.5 pe-3 text-start font-normal">
                    <time dateTime={p.at}>{full(p.at)}</time>
                  </th>
                  <td className="py-1.5 pe-3 text-end font-semibold tabular-nums">{formatPercent(format, p.probability)}</td>
                  <td className="py-1.5 pe-3 text-end tabular-nums">{t("band", { low: formatBandEnd(format, p.low), high: formatBandEnd(format, p.high) })}</td>
                  <td className="py-1.5 text-end tabular-nums">{format.number(p.forecasters)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {mine.length > 0 && (
          <table className="w-full text-sm">
            <caption className="py-2 text-start font-semibold">{t("mineCaption")}</caption>
            <ColumnHeads labels={[t("columns.when"), t("columns.yours")]} />
            <tbody>
              {[...mine].reverse().map((m) => (
                <tr key={m.at} className="border-b border-line/70 last:border-0">
                  <th scope="row" className="py-1.5 pe-3 text-start font-normal">
                    <time dateTime={m.at}>{full(m.at)}</time>
                  </th>
                  <td className="py-1.5 text-end font-semibold tabular-nums">{format.number(m.probability / 100, { style: "percent" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}
