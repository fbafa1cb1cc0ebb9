"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { CommunityView } from "@/lib/forecasts/community";
import type { ForecastView } from "@/lib/forecasts/forecasts";
import { ApiError, callApi } from "@/app/_components/client/api-client";
import { evenSplit, moveOther, moveScenario, splitFromForecast, totalOf, type Split } from "@/app/_components/forecast/forecast-split";
import { useLive } from "@/app/_components/live/live-context";
import { communityFor, formatPercent } from "@/app/_components/forecast/probability";
import { useScenarioTitles } from "@/app/_components/forecast/scenario-titles";
import { primaryButton } from "@/app/_components/ui/button-styles";

/** Only the first rows' titles come with the page; the rest are fetched when all rows are shown. */
export type EditorScenario = { id: string; title?: string; isNew: boolean };

type Props = {
  postId: string;
  scenarios: EditorScenario[];
  mine: ForecastView | null;
  /** "3 hours ago", rendered on the server beside "your last forecast". */
  lastSaved: ReactNode;
  community: CommunityView;
  threshold: number;
};

type Outcome = { kind: "saved"; at: string } | { kind: "error"; code: string; rows: string[] };

/** A long list opens on its likeliest rows (the server's order), the rest a click away: the page stays small. */
const collapsedRows = 12;

const sameSplit = (a: Split, b: Split) => a.other === b.other && Object.keys(a.scenarios).every((id) => a.scenarios[id] === b.scenarios[id]);

/**
 * The member's forecast: a native slider per scenario and one for Other, always summing to 100 (see
 * forecast-split.ts), keyboard and pointer alike, with the community's figure beside each. Saved with
 * PUT /posts/{id}/forecast; the community figure that results arrives live (it is recomputed within a second).
 * Rows past the first few are rendered only once the member asks for them; their shares are kept all the same.
 */
export function ForecastEditor({ postId, scenarios, mine, lastSaved, community: rendered, threshold }: Props) {
  const t = useTranslations("forecast");
  const tc = useTranslations("community");
  const format = useFormatter();
  const id = useId();
  const live = useLive();
  const ids = scenarios.map((s) => s.id);
  const [saved, setSaved] = useState<Split>(() => (mine ? splitFromForecast(ids, mine) : evenSplit(ids)));
  const [split, setSplit] = useState<Split>(saved);
  const [capped, setCapped] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [answered, setAnswered] = useState<CommunityView | null>(null);
  const [expanded, setExpanded] = useState(false);
  const { titleOf } = useScenarioTitles(postId, expanded);
  /** When this page saved a forecast (then "just now" replaces the server's relative time). */
  const [savedHere, setSavedHere] = useState<string | null>(null);
  const hasForecast = !!mine || savedHere !== null;
  // After the live banner's refresh brings new scenarios (or one was hidden), fold them in: new ones at 0, a
  // vanished one's share to Other.
  const idsKey = ids.join();
  const [knownIds, setKnownIds] = useState(idsKey);
  if (knownIds !== idsKey) {
    setKnownIds(idsKey);
    setSplit((s) => splitFromForecast(ids, { probabilities: s.scenarios, other: s.other }));
    setSaved((s) => splitFromForecast(ids, { probabilities: s.scenarios, other: s.other }));
  }
  // The freshest figure: a live event after saving beats the answer, which may predate the recount.
  const community = live?.community ?? answered ?? rendered;
  const percent = (value: number) => formatPercent(format, value);
  const total = totalOf(split);
  const changed = !sameSplit(split, saved);

  function setScenario(scenarioId: string, value: number) {
    const { split: next, capped: hitCap } = moveScenario(split, scenarioId, value);
    setSplit(next);
    setCapped(hitCap ? scenarioId : null);
    setOutcome(null);
  }

  function setOther(value: number) {
    setSplit(moveOther(split, ids, value));
    setCapped(null);
    setOutcome(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setOutcome(null);
    try {
      const answer = await callApi<{ forecast: ForecastView; community: CommunityView }>("PUT", `/posts/${postId}/forecast`, {
        probabilities: { ...split.scenarios, other: split.other },
      });
      setSaved(split);
      setAnswered(answer.community);
      setOutcome({ kind: "saved", at: answer.forecast.createdAt });
      setSavedHere(answer.forecast.createdAt);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "unknown";
      const rows = error instanceof ApiError ? error.details.map((d) => d.path.replace(/^probabilities\./, "")).filter((p) => ids.includes(p)) : [];
      setOutcome({ kind: "error", code, rows });
      if (rows.length > 0) setExpanded(true); // a refused row must be in sight
    } finally {
      setPending(false);
    }
  }

  const errorText = (code: string) => {
    const known = ["validation_failed", "locked", "unauthenticated", "forbidden", "not_found", "rate_limited", "network"];
    return t(`errors.${known.includes(code) ? code : "unknown"}`);
  };
  const badRows = outcome?.kind === "error" ? outcome.rows : [];

  const row = (rowId: string, title: string, value: number, tone: "scenario" | "other", isNew = false) => {
    const figure = tone === "other" ? (community.revealed ? community.other : null) : communityFor(community, rowId);
    const inputId = `${id}-${rowId}`;
    const invalid = badRows.includes(rowId);
    return (
      <li key={rowId} className={`rounded-xl px-3 py-2.5 sm:px-4 ${tone === "other" ? "border border-dashed border-gold/50 bg-gold-soft/40" : invalid ? "bg-challenges-soft" : "odd:bg-paper/60"}`}>
        <div className="flex items-start justify-between gap-3">
          <label htmlFor={inputId} className="min-w-0 pt-0.5 font-medium break-words">
            {tone === "other" ? (
              <>
                <span className="font-semibold">{t("other")}</span>
                <span className="block text-xs font-normal text-muted">{t("otherHint")}</span>
              </>
            ) : (
              <>
                <span dir="auto">{title}</span>
                {isNew && <span className="ms-2 inline-block rounded-full bg-gold-soft px-2 py-0.5 align-middle text-[0.7rem] font-semibold text-gold">{t("newSince")}</span>}
              </>
            )}
          </label>
          <output
            htmlFor={inputId}
            data-forecast-value={rowId}
            className={`shrink-0 rounded-md px-2 py-0.5 text-base font-bold tabular-nums ${tone === "other" ? "bg-gold-soft text-gold" : "bg-accent-soft text-accent"}`}
          >
            {format.number(value / 100, { style: "percent" })}
          </output>
        </div>
        <div className="relative">
          <input
            id={inputId}
            type="range"
            min={0}
            max={100}
            step={1}
            value={value}
            data-tone={tone}
            data-forecast-slider={rowId}
            aria-valuetext={format.number(value / 100, { style: "percent" })}
            aria-describedby={[community.revealed && `${inputId}-community`, invalid && `${inputId}-error`, capped === rowId && `${id}-cap`].filter(Boolean).join(" ") || undefined}
            aria-invalid={invalid || undefined}
            onChange={(event) => (tone === "other" ? setOther(Number(event.target.value)) : setScenario(rowId, Number(event.target.value)))}
            className="forecast-range mt-1 block"
          />
          {figure && (
            // The community's figure as a tick under the track (the thumb is ~16 px, so the track is inset by 8).
            <span
              aria-hidden="true"
              title={tc("figure", { probability: percent(figure.probability) })}
              className="pointer-events-none absolute -bottom-0.5 h-2 w-0.5 rounded-full bg-ink/60"
              style={{ insetInlineStart: `calc(8px + (100% - 16px) * ${figure.probability / 100})` }}
            />
          )}
        </div>
        {community.revealed && (
          <p id={`${inputId}-community`} className="mt-1 text-xs text-muted">
            {figure ? tc("figure", { probability: percent(figure.probability) }) : tc("noEstimate")}
          </p>
        )}
        {invalid && (
          <p id={`${inputId}-error`} className="mt-1 text-sm font-medium text-danger">
            {t("errors.notVisible")}
          </p>
        )}
      </li>
    );
  };

  const savedCommunity =
    outcome?.kind === "saved"
      ? community.revealed
        ? t("savedRevealed", { count: community.forecasters })
        : t("savedHidden", { count: community.forecasters, threshold })
      : null;

  return (
    <form onSubmit={submit} noValidate aria-describedby={`${id}-how`}>
      <p id={`${id}-how`} className="text-muted">
        {t("how")}
      </p>
      {!community.revealed && <p className="mt-2 text-sm text-muted">{tc("hiddenShort", { count: community.forecasters, threshold })}</p>}
      <p className="mt-2 text-sm text-muted" data-last-forecast>
        {savedHere ? (
          <>
            {t("lastForecast")} <time dateTime={savedHere}>{t("justNow")}</time>
          </>
        ) : mine ? (
          <>
            {t("lastForecast")} {lastSaved}
          </>
        ) : (
          t("firstForecast")
        )}
      </p>
      <ol className="mt-4 space-y-1.5">
        {(expanded ? scenarios : scenarios.slice(0, collapsedRows)).map((s) => row(s.id, titleOf(s), split.scenarios[s.id] ?? 0, "scenario", s.isNew))}
        {row("other", t("other"), split.other, "other")}
      </ol>
      {scenarios.length > collapsedRows && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className="mt-3 cursor-pointer rounded-full border border-line px-4 py-1.5 text-sm font-medium text-accent hover:border-accent"
        >
          {expanded ? t("showFewer") : t("showAll", { count: scenarios.length - collapsedRows })}
        </button>
      )}

      <div className="sticky bottom-0 z-10 -mx-5 mt-4 border-t border-line bg-card/95 px-5 pt-3 pb-4 backdrop-blur sm:-mx-8 sm:px-8">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
          <p className="flex items-center gap-2 text-sm font-semibold" data-forecast-total={total}>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 text-supports" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
            </svg>
            {t("total", { total: format.number(total / 100, { style: "percent" }) })}
            <span className="font-normal text-muted">{t("otherTakes", { other: format.number(split.other / 100, { style: "percent" }) })}</span>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              onClick={() => {
                setSplit(evenSplit(ids));
                setCapped(null);
                setOutcome(null);
              }}
              className="cursor-pointer rounded-full border border-line px-3.5 py-1.5 text-sm font-medium text-muted hover:border-accent hover:text-ink"
            >
              {t("even")}
            </button>
            {changed && hasForecast && (
              <button
                type="button"
                onClick={() => {
                  setSplit(saved);
                  setCapped(null);
                }}
                className="cursor-pointer rounded-full border border-line px-3.5 py-1.5 text-sm font-medium text-muted hover:border-accent hover:text-ink"
              >
                {t("undo")}
              </button>
            )}
            <button
              type="submit"
              disabled={pending}
              className={`${primaryButton} px-5 py-2 font-semibold`}
            >
              {pending ? t("saving") : hasForecast ? t("update") : t("submit")}
            </button>
          </div>
        </div>
        <div aria-live="polite" className="text-sm">
          {capped && (
            <p id={`${id}-cap`} className="mt-2 text-gold">
              {t("capped")}
            </p>
          )}
          {savedCommunity && (
            <p className="mt-2 flex items-center gap-2 font-medium text-supports" data-forecast-saved>
              <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
              </svg>
              {t("saved")} {savedCommunity}
            </p>
          )}
        </div>
        {outcome?.kind === "error" && (
          <p role="alert" className="mt-2 rounded-xl border border-danger/40 bg-challenges-soft px-4 py-2.5 text-sm font-medium text-challenges">
            {errorText(outcome.code)}
          </p>
        )}
      </div>
    </form>
  );
}
