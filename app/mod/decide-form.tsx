"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { decideAction, type DecideState } from "./actions";
import { textLimits } from "@/lib/rules/text-limits";
import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = { targetType: string; targetId: string; version: number };

/** Uphold, dismiss or defer one queue item, with the reason the log keeps. */
export function DecideForm({ targetType, targetId, version }: Props) {
  const t = useTranslations("moderation.queue");
  const [state, submit, pending] = useActionState<DecideState, FormData>(decideAction, {});
  const id = useId();
  const known = ["validation_failed", "conflict", "not_found", "forbidden", "suspended", "unauthenticated"] as const;
  const code = known.find((candidate) => candidate === state.error) ?? (state.error ? "unknown" : null);
  return (
    <form action={submit} className="mt-4 space-y-3 border-t border-line pt-4">
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          {t("reason")}
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          dir="auto"
          required
          maxLength={textLimits.moderationReason[1]}
          rows={2}
          aria-describedby={`${id}-hint`}
          aria-invalid={state.error === "validation_failed"}
          className="mt-1 block w-full rounded-xl border border-line bg-paper px-3 py-2 text-ink outline-none focus:border-accent aria-[invalid=true]:border-red-600"
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {t("reasonHint")}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="uphold" disabled={pending} className={`${primaryButton} px-4 py-1.5 text-sm font-medium`}>
          {t("uphold")}
        </button>
        <button type="submit" name="decision" value="dismiss" disabled={pending} className="cursor-pointer rounded-full border border-line px-4 py-1.5 text-sm font-medium hover:border-accent disabled:opacity-60">
          {t("dismiss")}
        </button>
        <button type="submit" name="decision" value="defer" disabled={pending} className="cursor-pointer rounded-full border border-line px-4 py-1.5 text-sm text-muted hover:border-accent disabled:opacity-60">
          {t("defer")}
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {pending ? t("working") : state.decided ? t("decided", { decision: t(state.decided) }) : ""}
      </p>
      {code && (
        <p role="alert" className="rounded-xl border border-danger/40 bg-challenges-soft px-3 py-2 text-sm font-medium text-challenges">
          {code === "conflict" ? t("errors.conflict", { message: state.message ?? "" }) : t(`errors.${code}`)}
        </p>
      )}
    </form>
  );
}
