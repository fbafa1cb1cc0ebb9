"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ReplyComposer } from "@/app/_components/debate/reply-composer";

type Props = { scenarioId: string; parentId: string; parentName: string; branchHref?: string; children?: React.ReactNode };

/** A reply's action row: the Reply button, which opens an inline composer under it, then the server's links. */
export function ReplyAction({ scenarioId, parentId, parentName, branchHref, children }: Props) {
  const t = useTranslations("thread");
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <div className="flex flex-wrap items-center gap-x-1 gap-y-1 text-sm">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          onClick={() => setOpen(!open)}
          className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 font-medium hover:bg-accent-soft hover:text-accent ${open ? "bg-accent-soft text-accent" : "text-muted"}`}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 rtl:-scale-x-100" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
            <path d="M6.5 4 2.5 8l4 4M3 8h6.5a4 4 0 0 1 4 4v.5" />
          </svg>
          {t("reply")}
          <span className="sr-only">
            {" "}
            — <bdi>{parentName}</bdi>
          </span>
        </button>
        {children}
      </div>
      {open && (
        <div id={id} className="mt-2 rounded-xl border border-line bg-card p-3 sm:p-4">
          <ReplyComposer
            scenarioId={scenarioId}
            parentId={parentId}
            label={t("replyTo", { name: parentName })}
            placeholder={t("composerPlaceholder")}
            autoFocus
            branchHref={branchHref}
            onClose={() => setOpen(false)}
          />
        </div>
      )}
    </div>
  );
}
