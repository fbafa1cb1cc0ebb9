"use client";

import { scaleLinear, scaleSqrt } from "d3-scale";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type CSSProperties } from "react";
import type { CommunityView } from "@/lib/forecasts/community";
import type { PostView } from "@/lib/forum/post-view";
import { AxisEnds } from "@/app/_components/axes/axis-ends";
import { useLive } from "@/app/_components/live/live-context";
import { communityFor, formatBandEnd, formatPercent } from "@/app/_components/forecast/probability";
import { useScenarioTitles } from "@/app/_components/forecast/scenario-titles";
import { titledScenarios } from "@/lib/rules/forecast-limits";

/** A scenario on the map; only the likeliest (titledScenarios) come with their title, the rest fetch theirs when needed. */
export type MapScenario = { id: string; x: number; y: number; title?: string };
type Quadrant = keyof NonNullable<PostView["axes"]["quadrants"]>;

type Props = {
  postId: string;
  /** Visible scenarios in the server's "probability" order (best-voted while the forecast is hidden). */
  scenarios: MapScenario[];
  /** A scenario's page is this followed by its id. */
  hrefBase: string;
  /** The community forecast when the page was rendered; the latest `forecast.updated` replaces it. */
  community: CommunityView;
  axes: PostView["axes"];
  /** The language the axes are written in (the post's). */
  lang: string;
  threshold: number;
  resolvedScenarioId: string | null;
};

/*
 * Geometry. Positions are percentages of the plot, so the map needs no measuring to lay out at any width. The
 * horizontal axis is semantic like the composer's pad (axis-pad.tsx) and the axes legend: low at the inline start,
 * high at the inline end, so in Arabic it runs from right (low) to left (high); every end is labelled with an
 * arrow that flips with it. The vertical axis runs from low at the bottom to high at the top in both languages.
 * Bubble AREA is proportional to the community probability (a square-root scale on the radius), in "units" that
 * the stylesheet turns into pixels (bigger on wider screens).
 */
const place = scaleLinear().domain([0, 100]).range([0, 100]).clamp(true);
const radius = scaleSqrt().domain([0, 100]).range([0, 44]).clamp(true);
const minRadius = 5;
const hiddenRadius = 11;
const noEstimateRadius = 7;

const subscribeNothing = () => () => {};
/** False while rendering on the server and hydrating, true after: what only the running page draws. */
const useRunning = () => useSyncExternalStore(subscribeNothing, () => true, () => false);

export function quadrantOf(x: number, y: number): Quadrant {
  return `${x >= 50 ? "high" : "low"}${y >= 50 ? "High" : "Low"}` as Quadrant;
}

/** Hides the labels that would overlap a more likely scenario's label or a corner name; hover and focus show them. */
function useLabelLayout(plot: React.RefObject<HTMLDivElement | null>, key: string) {
  useLayoutEffect(() => {
    const root = plot.current;
    if (!root) return;
    const layout = () => {
      const bounds = root.getBoundingClientRect();
      const taken: DOMRect[] = [...root.querySelectorAll<HTMLElement>("[data-map-quadrant]")].map((q) => q.getBoundingClientRect());
      // A label may not cover another scenario's dot either (its own dot is beside it by construction).
      const dots = [...root.querySelectorAll<HTMLElement>(".map-dot")].map((dot) => ({ owner: dot.parentElement, rect: dot.getBoundingClientRect() }));
      const hits = (r: DOMRect, o: DOMRect) => r.left < o.right + 3 && r.right > o.left - 3 && r.top < o.bottom + 1 && r.bottom > o.top - 1;
      const overlaps = (r: DOMRect, owner: Element | null) =>
        r.left < bounds.left - 2 ||
        r.right > bounds.right + 2 ||
        r.top < bounds.top ||
        r.bottom > bounds.bottom ||
        taken.some((o) => hits(r, o)) ||
        dots.some((d) => d.owner !== owner && hits(r, d.rect));
      for (const label of root.querySelectorAll<HTMLElement>("[data-map-label]")) {
        const preferred = label.dataset.prefer === "start" ? "start" : "end";
        let shown = false;
        for (const side of [preferred, preferred === "start" ? "end" : "start"]) {
          label.dataset.side = side;
          label.style.maxWidth = "";
          let rect = label.getBoundingClientRect();
          // Near an edge, a shorter label (more of the title truncated) may still fit.
          const spill = Math.max(0, bounds.left - 2 - rect.left, rect.right - bounds.right - 2);
          if (spill > 0 && rect.width - spill >= 88) {
            label.style.maxWidth = `${Math.floor(rect.width - spill - 2)}px`;
            rect = label.getBoundingClientRect();
          }
          if (!overlaps(rect, label.parentElement)) {
            taken.push(rect);
            shown = true;
            break;
          }
        }
        if (!shown) label.dataset.side = preferred;
        label.dataset.collapsed = String(!shown);
      }
    };
    layout();
    const observer = new ResizeObserver(layout);
    observer.observe(root);
    // Bubbles grow and shrink in an animation when the figure changes live; place the labels again at its end.
    let frame = 0;
    const again = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(layout);
    };
    root.addEventListener("transitionend", again);
    return () => {
      observer.disconnect();
      root.removeEventListener("transitionend", again);
      cancelAnimationFrame(frame);
    };
  }, [plot, key]);
}

/**
 * The post's scenarios on its two axes, each a bubble sized by its community probability (all alike while the
 * forecast is hidden), with the community ranking beside it and the whole map as a table for screen readers.
 * A client island only so the bubbles follow `forecast.updated` live; new scenarios arrive with the page refresh
 * that the live banner offers.
 */
export function ScenarioMap({ postId, scenarios, hrefBase, community: rendered, axes, lang, threshold, resolvedScenarioId }: Props) {
  const t = useTranslations("map");
  const tc = useTranslations("community");
  const format = useFormatter();
  const live = useLive();
  const community = live?.community ?? rendered;
  const plot = useRef<HTMLDivElement>(null);
  const running = useRunning();
  const hrefOf = (id: string) => hrefBase + id;
  const [wantTitles, setWantTitles] = useState(false);

  const percent = (value: number) => formatPercent(format, value);
  const placement = (s: MapScenario) => t("placement", { xLabel: axes.x.label, x: s.x, yLabel: axes.y.label, y: s.y });
  const items = scenarios
    .map((s, order) => ({ ...s, order, figure: communityFor(community, s.id) }))
    // The likeliest first: the tab order, the label priority and the ranking all follow it.
    .sort((a, b) => (community.revealed ? (b.figure?.probability ?? -1) - (a.figure?.probability ?? -1) : 0) || a.order - b.order);
  const radiusOf = (item: (typeof items)[number]) =>
    !community.revealed ? hiddenRadius : item.figure ? Math.max(minRadius, radius(item.figure.probability)) : noEstimateRadius;
  // The likeliest (the ones the page carries titles for) are bubbles, links with labels in the page as sent; every
  // other one is a speck drawn once the page runs. Smaller bubbles paint above bigger ones, so every bubble keeps a
  // part that can be pointed at.
  const bubbles = items.filter((i) => i.title !== undefined).slice(0, titledScenarios);
  const specks = running ? items.filter((i) => i.title === undefined) : [];
  const paintOrder = [...bubbles].sort((a, b) => radiusOf(b) - radiusOf(a)).map((i) => i.id);
  useLabelLayout(plot, bubbles.map((i) => `${i.id}:${radiusOf(i)}`).join());

  const corners: { key: Quadrant; className: string }[] = [
    { key: "lowHigh", className: "top-2 start-2 text-start" },
    { key: "highHigh", className: "top-2 end-2 text-end" },
    { key: "lowLow", className: "bottom-2 start-2 text-start" },
    { key: "highLow", className: "bottom-2 end-2 text-end" },
  ];
  const other = community.revealed ? community.other : null;
  const ranked = items.filter((i) => i.figure);
  const rankingShown = 8;
  // A scenario the page sent untitled may climb into the ranking as forecasts arrive live: then its title is fetched.
  const { known: titles, titleOf } = useScenarioTitles(postId, wantTitles || ranked.slice(0, rankingShown).some((i) => i.title === undefined));

  return (
    // overflow-x: clip: labels hidden for lack of room still take layout space beside the plot; they must not widen the page.
    <section id="map" aria-labelledby="map-heading" className="scroll-mt-16 overflow-x-clip rounded-3xl border border-line bg-card p-4 sm:p-6 lg:p-8">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="map-heading" className="text-2xl font-bold">
          {t("heading")}
        </h2>
        <p className="text-sm text-muted" data-community-state={community.revealed ? "revealed" : "hidden"}>
          {community.revealed ? tc("basis", { count: community.forecasters }) : tc("hiddenShort", { count: community.forecasters, threshold })}
        </p>
      </div>
      <p className="mt-2 max-w-2xl text-muted">{community.revealed ? t("lead") : t("leadHidden")}</p>

      <div className="mt-6 gap-8 lg:grid lg:grid-cols-[minmax(0,1fr)_17rem]">
        <figure className="min-w-0">
          <p aria-hidden="true" className="mb-2 flex items-center justify-center gap-1.5 text-center text-xs sm:text-sm">
            <span className="text-muted" lang={lang} dir="auto">
              {axes.y.label}
            </span>
            <span className="font-semibold" lang={lang} dir="auto">
              ↑ {axes.y.high}
            </span>
          </p>
          <div
            ref={plot}
            className="map-plot relative aspect-[5/6] w-full rounded-2xl border border-line sm:aspect-[4/3]"
            role="group"
            aria-label={t("plotLabel", { x: axes.x.label, y: axes.y.label })}
          >
            <div aria-hidden="true" className="map-quadrants absolute inset-0" />
            <span aria-hidden="true" className="absolute inset-x-0 top-1/2 border-t border-dashed border-muted/50" />
            <span aria-hidden="true" className="absolute inset-y-0 start-1/2 border-s border-dashed border-muted/50" />
            {axes.quadrants &&
              corners.map(({ key, className }) => (
                <span
                  key={key}
                  aria-hidden="true"
                  data-map-quadrant={key}
                  lang={lang}
                  dir="auto"
                  className={`absolute max-w-[44%] text-[0.7rem] leading-tight font-semibold text-muted sm:text-xs ${className}`}
                >
                  {axes.quadrants![key]}
                </span>
              ))}
            {/* The plot sits inside a margin so a bubble at 0 or 100 stays whole and clear of the corner names. */}
            <div className="absolute inset-x-5 inset-y-8 sm:inset-x-10 sm:inset-y-10">
              {specks.map((item) => (
                <a
                  key={item.id}
                  href={hrefOf(item.id)}
                  aria-hidden="true"
                  tabIndex={-1}
                  title={titles?.get(item.id)}
                  onPointerEnter={() => setWantTitles(true)}
                  data-map-speck={item.id}
                  className="map-speck"
                  style={{ insetInlineStart: `${place(item.x)}%`, bottom: `${place(item.y)}%` }}
                />
              ))}
              {bubbles.map((item, index) => {
                const r = radiusOf(item);
                const resolved = item.id === resolvedScenarioId;
                const title = titleOf(item);
                const name = !community.revealed
                  ? t("bubbleHidden", { title, placement: placement(item) })
                  : item.figure
                    ? t("bubble", { title, probability: percent(item.figure.probability), placement: placement(item) })
                    : t("bubbleNoEstimate", { title, placement: placement(item) });
                return (
                  <Link
                    key={item.id}
                    href={hrefOf(item.id)}
                    prefetch={false}
                    aria-label={resolved ? `${name} — ${t("resolvedMark")}` : name}
                    data-map-bubble={item.id}
                    data-probability={item.figure?.probability ?? ""}
                    data-state={!community.revealed ? "hidden" : item.figure ? "estimate" : "none"}
                    data-resolved={resolved || undefined}
                    className="map-bubble"
                    style={{ "--r": r, insetInlineStart: `${place(item.x)}%`, bottom: `${place(item.y)}%`, zIndex: 1 + paintOrder.indexOf(item.id) } as CSSProperties}
                  >
                    <span aria-hidden="true" className="map-dot">
                      {resolved && (
                        <svg viewBox="0 0 16 16" className="size-3/5 max-h-4 max-w-4" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round">
                          <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
                        </svg>
                      )}
                    </span>
                    <span
                      aria-hidden="true"
                      data-map-label
                      data-prefer={item.x > 62 ? "start" : "end"}
                      data-side={item.x > 62 ? "start" : "end"}
                      data-collapsed={index >= 8 ? "true" : "false"}
                      className="map-label"
                    >
                      <span dir="auto" className="map-title">
                        {title}
                      </span>
                      {item.figure && <span className="font-bold tabular-nums">{percent(item.figure.probability)}</span>}
                    </span>
                  </Link>
                );
              })}
            </div>
            {items.length === 0 && (
              <p className="absolute inset-0 flex items-center justify-center p-8 text-center text-muted">{t("empty")}</p>
            )}
          </div>
          <p aria-hidden="true" className="mt-2 flex items-center justify-center gap-1.5 text-center text-xs font-semibold sm:text-sm">
            <span lang={lang} dir="auto">
              ↓ {axes.y.low}
            </span>
          </p>
          <AxisEnds axis={axes.x} lang={lang} className="mt-2 items-start gap-3 text-xs sm:text-sm" endClassName="font-semibold">
            <span className="hidden text-center text-muted sm:block" lang={lang} dir="auto">
              {axes.x.label}
            </span>
          </AxisEnds>
          <figcaption className="mt-3 text-center text-xs text-muted sm:text-sm">
            {t("caption", { x: axes.x.label, xLow: axes.x.low, xHigh: axes.x.high, y: axes.y.label, yLow: axes.y.low, yHigh: axes.y.high })}{" "}
            {community.revealed ? t("sizeRevealed") : t("sizeHidden")}
          </figcaption>
        </figure>

        <div className="mt-8 lg:mt-0">
          <h3 className="text-base font-semibold">{tc("heading")}</h3>
          {community.revealed ? (
            <>
              <ol className="mt-3 space-y-3" data-community-ranking>
                {ranked.slice(0, rankingShown).map((item) => (
                  <li key={item.id}>
                    <RankRow title={titleOf(item)} figure={item.figure!} resolved={item.id === resolvedScenarioId} />
                  </li>
                ))}
                {other && (
                  <li>
                    <RankRow title={tc("other")} figure={other} tone="other" resolved={false} />
                  </li>
                )}
              </ol>
              {ranked.length > rankingShown && <p className="mt-3 text-sm text-muted">{tc("moreInTable", { count: ranked.length - rankingShown })}</p>}
              <p className="mt-4 text-xs leading-relaxed text-muted">{tc("method")}</p>
            </>
          ) : (
            <HiddenNote forecasters={community.forecasters} threshold={threshold} />
          )}
        </div>
      </div>

      {items.length > 0 && (
        <MapTable summary={t("tableSummary")} onOpen={() => setWantTitles(true)}>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead>
              <tr className="border-b border-line text-start text-muted">
                <th scope="col" className="py-2 pe-3 text-start font-medium">
                  {t("columns.scenario")}
                </th>
                <th scope="col" className="py-2 pe-3 text-start font-medium" lang={lang} dir="auto">
                  {axes.x.label}
                </th>
                <th scope="col" className="py-2 pe-3 text-start font-medium" lang={lang} dir="auto">
                  {axes.y.label}
                </th>
                {axes.quadrants && (
                  <th scope="col" className="py-2 pe-3 text-start font-medium">
                    {t("columns.quadrant")}
                  </th>
                )}
                <th scope="col" className="py-2 text-end font-medium">
                  {t("columns.community")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-b border-line/70 last:border-0">
                  <th scope="row" className="py-2 pe-3 text-start font-medium">
                    <Link href={hrefOf(item.id)} prefetch={false} dir="auto" className="hover:text-accent hover:underline">
                      {titleOf(item)}
                    </Link>
                    {item.id === resolvedScenarioId && <span className="ms-2 text-xs font-semibold text-gold">{t("resolvedMark")}</span>}
                  </th>
                  <td className="py-2 pe-3 tabular-nums">{t("outOf", { value: item.x })}</td>
                  <td className="py-2 pe-3 tabular-nums">{t("outOf", { value: item.y })}</td>
                  {axes.quadrants && (
                    <td className="py-2 pe-3" lang={lang} dir="auto">
                      {axes.quadrants[quadrantOf(item.x, item.y)]}
                    </td>
                  )}
                  <td className="py-2 text-end tabular-nums">
                    {!community.revealed
                      ? tc("hiddenCell")
                      : item.figure
                        ? tc("figureWithBand", {
                            probability: percent(item.figure.probability),
                            low: formatBandEnd(format, item.figure.low),
                            high: formatBandEnd(format, item.figure.high),
                          })
                        : tc("noEstimate")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </MapTable>
      )}
    </section>
  );
}

function RankRow({ title, figure, tone = "scenario", resolved }: { title: string; figure: { probability: number; low: number; high: number }; tone?: "scenario" | "other"; resolved: boolean }) {
  const tc = useTranslations("community");
  const format = useFormatter();
  const bar = tone === "other" ? "bg-gold" : resolved ? "bg-gold" : "bg-accent";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className={`flex min-w-0 items-center gap-1 ${tone === "other" ? "text-muted italic" : "font-medium"}`} title={title}>
          {resolved && (
            <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5 shrink-0 text-gold" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round">
              <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
            </svg>
          )}
          <span dir="auto" className="min-w-0 truncate">
            {title}
          </span>
          {resolved && <span className="sr-only"> — {tc("happened")}</span>}
        </span>
        <span className="shrink-0 font-bold tabular-nums">{formatPercent(format, figure.probability)}</span>
      </div>
      <div aria-hidden="true" className="relative mt-1 h-2 overflow-hidden rounded-full bg-line/70">
        <span className={`absolute inset-y-0 opacity-30 ${bar}`} style={{ insetInlineStart: `${figure.low}%`, width: `${Math.max(0.5, figure.high - figure.low)}%` }} />
        <span className={`absolute inset-y-0 start-0 rounded-full ${bar}`} style={{ width: `${figure.probability}%` }} />
      </div>
      <p className="sr-only">{tc("band", { low: formatBandEnd(format, figure.low), high: formatBandEnd(format, figure.high) })}</p>
    </div>
  );
}

/** While hidden: why, and how far from showing (a small meter of forecasters against the threshold). */
export function HiddenNote({ forecasters, threshold }: { forecasters: number; threshold: number }) {
  const tc = useTranslations("community");
  const shown = Math.min(forecasters, threshold);
  return (
    <div className="mt-3 rounded-xl border border-dashed border-line p-4">
      <p className="text-sm font-semibold">{tc("hiddenTitle")}</p>
      <p className="mt-1 text-sm leading-relaxed text-muted">{tc("hiddenBody", { threshold })}</p>
      <div className="mt-3 flex items-center gap-3">
        <span aria-hidden="true" className="flex flex-1 gap-1">
          {Array.from({ length: Math.min(threshold, 20) }, (_, i) => (
            <span key={i} className={`h-1.5 flex-1 rounded-full ${i < Math.round((shown / threshold) * Math.min(threshold, 20)) ? "bg-accent" : "bg-line"}`} />
          ))}
        </span>
        <span className="shrink-0 text-sm font-semibold tabular-nums">{tc("progress", { count: forecasters, threshold })}</span>
      </div>
    </div>
  );
}

/**
 * The map as a table, behind a disclosure. Its rows are made when it is opened (the titles the page lacks fetched
 * then), not sent with every page: with hundreds of scenarios they would be a fifth of the page's weight for a view
 * few readers open.
 */
function MapTable({ summary, onOpen, children }: { summary: string; onOpen: () => void; children: React.ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // Opened before the page became interactive: the toggle event was missed.
  useEffect(() => setOpen(details.current?.open ?? false), []);
  useEffect(() => {
    if (open) onOpen();
  }, [open, onOpen]);
  return (
    <details ref={details} className="map-table mt-6 rounded-xl border border-line" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer rounded-xl px-4 py-3 text-sm font-semibold text-accent">{summary}</summary>
      {open && <div className="overflow-x-auto px-4 pb-4">{children}</div>}
    </details>
  );
}
