"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { Stance } from "@/lib/forum/stances";
import { StanceIcon, stanceList } from "@/app/_components/debate/stance-badge";

// Literal class names per stance, so Tailwind sees each one.
const checkedTone: Record<Stance, string> = {
  supports: "has-[:checked]:border-supports has-[:checked]:bg-supports-soft has-[:checked]:text-supports",
  challenges: "has-[:checked]:border-challenges has-[:checked]:bg-challenges-soft has-[:checked]:text-challenges",
  question: "has-[:checked]:border-question has-[:checked]:bg-question-soft has-[:checked]:text-question",
  evidence: "has-[:checked]:border-evidence has-[:checked]:bg-evidence-soft has-[:checked]:text-evidence",
  neutral: "has-[:checked]:border-neutral has-[:checked]:bg-neutral-soft has-[:checked]:text-neutral",
};

/** The stance a reply takes, as a row of radio chips: one tab stop, arrow keys to choose, icon and word on each. */
export function StancePicker({ value, onChange }: { value: Stance; onChange: (stance: Stance) => void }) {
  const t = useTranslations("stance");
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-semibold">{t("legend")}</legend>
      <div className="flex flex-wrap gap-1.5">
        {stanceList.map((stance) => (
          <label
            key={stance}
            className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-line px-3 py-1 text-sm font-medium text-muted hover:text-ink has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${checkedTone[stance]}`}
          >
            <input type="radio" name={name} value={stance} checked={value === stance} onChange={() => onChange(stance)} className="sr-only" />
            <StanceIcon stance={stance} className="size-3.5" />
            {t(stance)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
