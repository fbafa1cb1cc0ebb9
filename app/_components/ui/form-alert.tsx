"use client";

import { useTranslations } from "next-intl";
import type { Problem } from "@/app/_components/client/submission";

/** The one message a failed submission shows above its button; field errors are shown beside their fields. */
export function FormAlert({ problem }: { problem: Problem | null }) {
  const t = useTranslations("composer.errors");
  if (!problem) return null;
  const message =
    problem.code === "validation_failed"
      ? t("summary")
      : problem.code === "rate_limited"
        ? problem.retryAfter
          ? t("rate_limited", { seconds: problem.retryAfter })
          : t("rate_limited_soon")
        : t(problem.code);
  return (
    <p role="alert" className="rounded-xl border border-danger/40 bg-challenges-soft px-4 py-3 text-sm font-medium text-challenges">
      {message}
    </p>
  );
}

/** "Draft saved" and its kin, announced politely; empty until there is something to say. */
export function DraftStatus({ status }: { status: "idle" | "saving" | "saved" | "failed" | "restored" }) {
  const t = useTranslations("composer.draft");
  return (
    <p role="status" aria-live="polite" className={`flex min-h-5 items-center gap-1.5 text-sm ${status === "failed" ? "text-danger" : "text-muted"}`}>
      {status === "saved" && (
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 text-supports" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
        </svg>
      )}
      {status !== "idle" && t(status)}
    </p>
  );
}
