"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import type { PostView } from "@/lib/forum/post-view";
import { textLimits, withinLimit } from "@/lib/rules/text-limits";
import { callApi } from "@/app/_components/client/api-client";
import { AxisPad } from "@/app/_components/axes/axis-pad";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { MarkdownField } from "@/app/_components/ui/markdown-field";
import { problemOf, type Problem } from "@/app/_components/client/submission";
import { FormActions } from "@/app/_components/ui/form-actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

type Fields = { title: string; body: string; x: number; y: number };
type Props = { scenarioId: string; current: Fields; axes: PostView["axes"]; axesLang: string };

/** Edits a scenario in place for its author or a moderator: sends only what changed, then shows the new version. */
export function ScenarioEditor({ scenarioId, current, axes, axesLang }: Props) {
  const t = useTranslations("scenario");
  const tComposer = useTranslations("composer");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(current);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [, startTransition] = useTransition();
  const fieldError = (name: keyof Fields) => (problem?.fields.includes(name) ? tComposer(`errors.${name}`) : undefined);

  async function save(event: FormEvent) {
    event.preventDefault();
    const bad = [withinLimit(fields.title, textLimits.scenarioTitle) ? "" : "title", withinLimit(fields.body, textLimits.scenarioBody) ? "" : "body"].filter(Boolean);
    if (bad.length) return setProblem({ fields: bad, code: "validation_failed" });
    const changes = Object.fromEntries(Object.entries(fields).filter(([key, value]) => current[key as keyof Fields] !== value));
    if (Object.keys(changes).length === 0) return setOpen(false);
    setPending(true);
    setProblem(null);
    try {
      await callApi("PATCH", `/scenarios/${scenarioId}`, changes);
      setOpen(false);
      startTransition(() => router.refresh());
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setPending(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        aria-expanded={false}
        onClick={() => {
          setFields(current);
          setProblem(null);
          setOpen(true);
        }}
        className="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-line px-4 py-1.5 text-sm font-medium text-muted hover:border-accent hover:text-accent"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
          <path d="M10.5 2.5l3 3-8 8h-3v-3z" />
        </svg>
        {t("edit")}
      </button>
    );
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby={`${id}-heading`} className="space-y-5 rounded-2xl border border-accent/40 bg-card p-4 sm:p-6">
      <h2 id={`${id}-heading`} className="text-lg font-bold">
        {t("editHeading")}
      </h2>
      <div>
        <label htmlFor={`${id}-title`} className="block text-sm font-semibold">
          {tComposer("title")}
        </label>
        <input
          id={`${id}-title`}
          name="title"
          dir="auto"
          value={fields.title}
          onChange={(event) => setFields({ ...fields, title: event.target.value })}
          aria-invalid={!!fieldError("title")}
          aria-describedby={fieldError("title") ? `${id}-title-error` : undefined}
          className="mt-1.5 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-lg font-semibold outline-none focus:border-accent aria-[invalid=true]:border-danger"
        />
        {fieldError("title") && (
          <p id={`${id}-title-error`} className="mt-1.5 text-sm font-medium text-danger">
            {fieldError("title")}
          </p>
        )}
      </div>
      <MarkdownField name="body" label={tComposer("body")} value={fields.body} onChange={(body) => setFields({ ...fields, body })} max={textLimits.scenarioBody[1]} error={fieldError("body")} />
      <fieldset className="rounded-2xl border border-line p-4">
        <legend className="px-1.5 text-sm font-semibold">{tComposer("placement")}</legend>
        <AxisPad x={fields.x} y={fields.y} onChange={(x, y) => setFields({ ...fields, x, y })} axes={axes} lang={axesLang} errors={{ x: fieldError("x"), y: fieldError("y") }} />
      </fieldset>
      <FormAlert problem={problem} />
      <FormActions cancel={{ label: t("cancel"), onClick: () => setOpen(false) }}>
        <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} className="px-5 py-2 text-sm" />
      </FormActions>
    </form>
  );
}
