"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ApiError, callApi } from "@/app/_components/client/api-client";
import { textLimits, withinLimit } from "@/lib/rules/text-limits";
import { SubmitButton } from "@/app/_components/ui/submit-button";

type Props = {
  /** The messages with the form's words: `choice`, `reason`, `reasonHint`, `apply`, `applying`, `errors.{reason,forbidden,unknown}`. */
  namespace: "slowMode" | "contestMode" | "memberSuspension";
  choices: { value: string; label: string }[];
  initial: string;
  /** The moderators' route and body for a choice (e.g. `/mod/post/{id}/slow-mode`), made when the form is sent. */
  request: (value: string) => { path: string; body: Record<string, unknown> };
};

/** A moderator's action with a choice (slow mode, contest mode, a suspension) and the reason the moderation log keeps. */
export function ModeratorChoiceForm({ namespace, choices, initial, request }: Props) {
  const t = useTranslations(namespace);
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(initial);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!withinLimit(reason, textLimits.moderationReason)) {
      setError("reason");
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { path, body } = request(value);
      await callApi("POST", path, { ...body, reason });
      setReason("");
      router.refresh();
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : "unknown";
      setError(code === "validation_failed" ? "reason" : code === "forbidden" ? "forbidden" : "unknown");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-4 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
      <div>
        <label htmlFor={`${id}-choice`} className="block text-sm font-semibold">
          {t("choice")}
        </label>
        <select
          id={`${id}-choice`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1.5 block w-full rounded-xl border border-line bg-paper px-3 py-2 text-ink outline-none focus:border-accent"
        >
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-semibold">
          {t("reason")}
        </label>
        <input
          id={`${id}-reason`}
          dir="auto"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error === "reason"}
          aria-describedby={`${id}-reason-hint`}
          autoComplete="off"
          className="mt-1.5 block w-full rounded-xl border border-line bg-paper px-3 py-2 text-ink outline-none focus:border-accent aria-[invalid=true]:border-danger"
        />
        <p id={`${id}-reason-hint`} className={`mt-1.5 text-sm ${error ? "font-medium text-danger" : "text-muted"}`} role={error ? "alert" : undefined}>
          {error ? t(`errors.${error}`) : t("reasonHint")}
        </p>
      </div>
      <SubmitButton pending={pending} label={t("apply")} pendingLabel={t("applying")} className="px-5 py-2 sm:mt-7" />
    </form>
  );
}
