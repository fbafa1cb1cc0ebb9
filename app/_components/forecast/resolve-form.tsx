"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ApiError, callApi } from "@/app/_components/client/api-client";

type Props = { postId: string; scenarios: { id: string; title: string }[]; createdAt: string };
type Outcome = "scenario" | "other" | "annulled";

/** "2026-11-24T13:05" in the reader's own time zone, as a datetime-local field shows it. */
function localInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * Moderators resolve a post once: which scenario happened (or none of them, or annulled), a note for readers,
 * and when it happened (forecasts made after that moment do not count). Asks for confirmation, because scores
 * are computed at once and the resolution cannot be undone here.
 */
export function ResolveForm({ postId, scenarios, createdAt }: Props) {
  const t = useTranslations("resolution.form");
  const router = useRouter();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>("scenario");
  const [scenarioId, setScenarioId] = useState("");
  const [note, setNote] = useState("");
  const [when, setWhen] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ code: string; field?: string } | null>(null);
  const missingScenario = outcome === "scenario" && !scenarioId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (missingScenario) {
      setError({ code: "validation_failed", field: "scenarioId" });
      document.getElementById(`${id}-scenario`)?.focus();
      return;
    }
    if (!confirming) {
      setConfirming(true);
      setError(null);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await callApi("POST", `/mod/post/${postId}/resolve`, {
        outcome,
        ...(outcome === "scenario" ? { scenarioId } : {}),
        note,
        ...(when ? { resolvedAt: new Date(when).toISOString() } : {}),
      });
      router.refresh();
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : null;
      setError({ code: apiError?.code ?? "unknown", field: apiError?.details[0]?.path });
      setConfirming(false);
    } finally {
      setPending(false);
    }
  }

  const choice = (value: Outcome) => (
    <label className={`flex cursor-pointer items-start gap-3 rounded-xl border px-4 py-3 ${outcome === value ? "border-accent bg-accent-soft/50" : "border-line"}`}>
      <input
        type="radio"
        name="outcome"
        value={value}
        checked={outcome === value}
        onChange={() => {
          setOutcome(value);
          setConfirming(false);
        }}
        className="mt-1 accent-[var(--accent)]"
      />
      <span>
        <span className="block font-semibold">{t(`outcome.${value}`)}</span>
        <span className="block text-sm text-muted">{t(`outcomeHint.${value}`)}</span>
      </span>
    </label>
  );

  const errorMessage = error
    ? error.field === "scenarioId"
      ? t("errors.scenario")
      : error.field === "resolvedAt"
        ? t("errors.date")
        : t(`errors.${["locked", "forbidden", "unauthenticated", "network"].includes(error.code) ? error.code : "unknown"}`)
    : null;

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-5">
      <fieldset>
        <legend className="text-sm font-semibold">{t("outcomeLegend")}</legend>
        <div className="mt-2 grid gap-2">
          {choice("scenario")}
          {outcome === "scenario" && (
            <div className="ps-4">
              <label htmlFor={`${id}-scenario`} className="text-sm font-semibold">
                {t("scenario")}
              </label>
              <select
                id={`${id}-scenario`}
                value={scenarioId}
                onChange={(event) => {
                  setScenarioId(event.target.value);
                  setConfirming(false);
                }}
                aria-invalid={error?.field === "scenarioId" || undefined}
                aria-describedby={error?.field === "scenarioId" ? `${id}-error` : undefined}
                className="mt-1 block w-full rounded-xl border border-line bg-card px-3 py-2"
              >
                <option value="">{t("choose")}</option>
                {scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          {choice("other")}
          {choice("annulled")}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="text-sm font-semibold">
          {t("note")}
        </label>
        <p id={`${id}-note-hint`} className="text-sm text-muted">
          {t("noteHint")}
        </p>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={2000}
          rows={3}
          dir="auto"
          onChange={(event) => setNote(event.target.value)}
          aria-describedby={`${id}-note-hint`}
          className="mt-1 block w-full rounded-xl border border-line bg-card px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor={`${id}-when`} className="text-sm font-semibold">
          {t("when")}
        </label>
        <p id={`${id}-when-hint`} className="text-sm text-muted">
          {t("whenHint")}
        </p>
        <input
          id={`${id}-when`}
          type="datetime-local"
          value={when}
          min={localInputValue(new Date(createdAt))}
          onChange={(event) => setWhen(event.target.value)}
          aria-describedby={`${id}-when-hint`}
          aria-invalid={error?.field === "resolvedAt" || undefined}
          className="mt-1 block rounded-xl border border-line bg-card px-3 py-2"
        />
      </div>
      {errorMessage && (
        <p id={`${id}-error`} role="alert" className="rounded-xl border border-danger/40 bg-challenges-soft px-4 py-2.5 text-sm font-medium text-challenges">
          {errorMessage}
        </p>
      )}
      {confirming && (
        <p role="status" className="rounded-xl border border-gold/50 bg-gold-soft px-4 py-2.5 text-sm font-medium text-gold">
          {t("confirmText", { outcome: outcome === "scenario" ? (scenarios.find((s) => s.id === scenarioId)?.title ?? "") : t(`outcome.${outcome}`) })}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className="cursor-pointer rounded-full bg-gold px-5 py-2 font-semibold text-card hover:opacity-90 disabled:cursor-wait disabled:opacity-60">
          {pending ? t("resolving") : confirming ? t("confirm") : t("submit")}
        </button>
        {confirming && (
          <button type="button" onClick={() => setConfirming(false)} className="cursor-pointer rounded-full border border-line px-4 py-2 text-sm font-medium text-muted hover:border-accent hover:text-ink">
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
