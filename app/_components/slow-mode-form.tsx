"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ApiError, callApi } from "./api-client";
import { durationParts, slowModePresets } from "@/lib/rules/slow-mode";
import { textLimits, withinLimit } from "@/lib/rules/text-limits";
import { SubmitButton } from "./submit-button";

/** Moderators set or lift a post's slow mode, with the reason the moderation log keeps. */
export function SlowModeForm({ postId, current }: { postId: string; current: number }) {
  const t = useTranslations("slowMode");
  const router = useRouter();
  const id = useId();
  const presets: number[] = slowModePresets.includes(current as (typeof slowModePresets)[number]) ? [...slowModePresets] : [...slowModePresets, current].sort((a, b) => a - b);
  const [seconds, setSeconds] = useState(current);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = (value: number) => (value === 0 ? t("off") : t("duration", durationParts(value)));

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
      await callApi("POST", `/mod/post/${postId}/slow-mode`, { seconds, reason });
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
        <label htmlFor={`${id}-seconds`} className="block text-sm font-semibold">
          {t("interval")}
        </label>
        <select
          id={`${id}-seconds`}
          value={seconds}
          onChange={(e) => setSeconds(Number(e.target.value))}
          className="mt-1.5 block w-full rounded-xl border border-line bg-paper px-3 py-2 text-ink outline-none focus:border-accent"
        >
          {presets.map((value) => (
            <option key={value} value={value}>
              {label(value)}
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
