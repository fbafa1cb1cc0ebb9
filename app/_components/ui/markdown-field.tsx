"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { callApi } from "@/app/_components/client/api-client";
import { textLength } from "@/lib/rules/text-limits";

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  rows?: number;
  placeholder?: string;
  hint?: React.ReactNode;
  error?: string;
  /** Inline reply composers name the field in their surroundings; the label stays for screen readers. */
  hideLabel?: boolean;
  autoFocus?: boolean;
  name?: string;
};

const previewDelayMs = 350;

/**
 * A Markdown textarea with Write and Preview tabs. The preview is rendered by the server (POST /preview), exactly
 * as publishing will render and sanitise it, a moment after the tab opens or the text changes.
 */
export function MarkdownField({ label, value, onChange, max, rows = 8, placeholder, hint, error, hideLabel, autoFocus, name }: Props) {
  const t = useTranslations("composer");
  const id = useId();
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [preview, setPreview] = useState<{ source: string; html: string } | { source: string; failed: true } | null>(null);
  const length = textLength(value);
  const over = length > max;

  useEffect(() => {
    if (tab !== "preview" || !value.trim() || preview?.source === value) return;
    const timer = window.setTimeout(() => {
      callApi<{ html: string }>("POST", "/preview", { body: value }).then(
        ({ html }) => setPreview({ source: value, html }),
        () => setPreview({ source: value, failed: true }),
      );
    }, previewDelayMs);
    return () => window.clearTimeout(timer);
  }, [tab, value, preview]);

  const tabButton = (which: "write" | "preview") => (
    <button
      type="button"
      role="tab"
      id={`${id}-${which}-tab`}
      aria-selected={tab === which}
      aria-controls={`${id}-${which}`}
      tabIndex={tab === which ? 0 : -1}
      onClick={() => setTab(which)}
      onKeyDown={(event) => {
        if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
        event.preventDefault();
        const next = which === "write" ? "preview" : "write";
        setTab(next);
        document.getElementById(`${id}-${next}-tab`)?.focus();
      }}
      className={`cursor-pointer rounded-t-lg border-x border-t px-3.5 py-1.5 text-sm font-medium ${tab === which ? "border-line bg-paper text-ink" : "border-transparent text-muted hover:text-ink"}`}
    >
      {t(which)}
    </button>
  );

  const describedBy = [hint && `${id}-hint`, error && `${id}-error`, `${id}-count`].filter(Boolean).join(" ");
  const rendered = preview?.source === value ? preview : null;
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-x-3">
        <label htmlFor={`${id}-input`} className={hideLabel ? "sr-only" : "block pb-1.5 text-sm font-semibold"}>
          {label}
        </label>
        <div role="tablist" aria-label={t("editorTabs")} className="-mb-px ms-auto flex gap-1">
          {tabButton("write")}
          {tabButton("preview")}
        </div>
      </div>
      <div id={`${id}-write`} role="tabpanel" aria-labelledby={`${id}-write-tab`} hidden={tab !== "write"}>
        <textarea
          id={`${id}-input`}
          name={name}
          dir="auto"
          rows={rows}
          value={value}
          placeholder={placeholder}
          autoFocus={autoFocus}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={!!error || over}
          aria-describedby={describedBy}
          className="block min-h-24 w-full resize-y rounded-xl rounded-se-none border border-line bg-paper px-4 py-3 text-base leading-relaxed text-ink outline-none placeholder:text-muted focus:border-accent aria-[invalid=true]:border-danger"
        />
      </div>
      <div
        id={`${id}-preview`}
        role="tabpanel"
        tabIndex={0}
        aria-labelledby={`${id}-preview-tab`}
        aria-busy={tab === "preview" && !!value.trim() && !rendered}
        hidden={tab !== "preview"}
        className="min-h-24 rounded-xl rounded-se-none border border-line bg-paper px-4 py-3"
      >
        {!value.trim() ? (
          <p className="text-muted">{t("previewEmpty")}</p>
        ) : !rendered ? (
          <p className="text-muted">{t("previewLoading")}</p>
        ) : "failed" in rendered ? (
          <p className="text-danger">{t("previewFailed")}</p>
        ) : (
          <div dir="auto" className="user-text" dangerouslySetInnerHTML={{ __html: rendered.html }} />
        )}
      </div>
      <div className="mt-1.5 flex flex-wrap items-start justify-between gap-x-4 gap-y-1 text-sm">
        <div className="min-w-0 flex-1">
          {error && (
            <p id={`${id}-error`} className="font-medium text-danger">
              {error}
            </p>
          )}
          {hint && (
            <p id={`${id}-hint`} className="text-muted">
              {hint}
            </p>
          )}
        </div>
        <p id={`${id}-count`} className={`shrink-0 tabular-nums ${over ? "font-semibold text-danger" : "text-muted"}`}>
          {t("counter", { count: length, max })}
        </p>
      </div>
    </div>
  );
}
