"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { scenarioPath } from "@/lib/forum/paths";
import type { PostView } from "@/lib/forum/post-view";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { scenarioDraftKey } from "@/lib/rules/draft-keys";
import { textLimits, withinLimit } from "@/lib/rules/text-limits";
import { callApi } from "@/app/_components/client/api-client";
import { AxisPad } from "@/app/_components/axes/axis-pad";
import { DraftStatus, FormAlert } from "@/app/_components/ui/form-alert";
import { MarkdownField } from "@/app/_components/ui/markdown-field";
import { useIdempotencyKey, useSubmission } from "@/app/_components/client/submission";
import { useDraft } from "@/app/_components/client/use-draft";
import { FormActions } from "@/app/_components/ui/form-actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

type Props = { postId: string; slug: string; axes: PostView["axes"]; axesLang: string };
type Fields = { title: string; body: string; x: number; y: number };

function invalidFields({ title, body }: Fields): string[] {
  const bad: string[] = [];
  if (!withinLimit(title, textLimits.scenarioTitle)) bad.push("title");
  if (!withinLimit(body, textLimits.scenarioBody)) bad.push("body");
  return bad;
}

const asCoordinate = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100 ? value : 50);

/** The "propose a scenario" form: title, Markdown body with preview, placement on the axes, kept as a draft. */
export function ScenarioComposer({ postId, slug, axes, axesLang }: Props) {
  const t = useTranslations("composer");
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Fields>({ title: "", body: "", x: 50, y: 50 });
  const { problem, pending, submit: submitWith } = useSubmission(form);
  const idempotency = useIdempotencyKey();
  const draft = useDraft(
    scenarioDraftKey(postId),
    fields,
    (saved) =>
      setFields({
        title: typeof saved.title === "string" ? saved.title : "",
        body: typeof saved.body === "string" ? saved.body : "",
        x: asCoordinate(saved.x),
        y: asCoordinate(saved.y),
      }),
    (value) => !value.title.trim() && !value.body.trim(),
  );

  const update = (change: Partial<Fields>) => setFields((current) => ({ ...current, ...change }));
  const fieldError = (name: keyof Fields) => (problem?.fields.includes(name) ? t(`errors.${name}`) : undefined);

  const submit = (event: FormEvent) =>
    submitWith(event, invalidFields(fields), async () => {
      const payload = { title: fields.title, body: fields.body, x: fields.x, y: fields.y };
      await draft.settle();
      const { scenario } = await callApi<{ scenario: ScenarioView }>("POST", `/posts/${postId}/scenarios`, payload, {
        "idempotency-key": idempotency.keyFor(payload),
      });
      draft.forget();
      idempotency.clear();
      router.push(scenarioPath(slug, scenario.id));
    });

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-6" aria-describedby={`${id}-lead`}>
      <p id={`${id}-lead`} className="text-muted">
        {t("lead")}
      </p>
      <div>
        <label htmlFor={`${id}-title`} className="block text-sm font-semibold">
          {t("title")}
        </label>
        <input
          id={`${id}-title`}
          name="title"
          dir="auto"
          value={fields.title}
          onChange={(event) => update({ title: event.target.value })}
          aria-invalid={!!fieldError("title")}
          aria-describedby={`${id}-title-hint`}
          autoComplete="off"
          className="mt-1.5 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-lg font-semibold text-ink outline-none focus:border-accent aria-[invalid=true]:border-danger"
        />
        <p id={`${id}-title-hint`} className={`mt-1.5 text-sm ${fieldError("title") ? "font-medium text-danger" : "text-muted"}`}>
          {fieldError("title") ?? t("titleHint")}
        </p>
      </div>
      <MarkdownField
        name="body"
        label={t("body")}
        value={fields.body}
        onChange={(body) => update({ body })}
        max={textLimits.scenarioBody[1]}
        hint={t.rich("bodyHint", { c: (chunks) => <code className="rounded bg-gold-soft px-1 font-sans text-[0.85em] text-ink">{chunks}</code> })}
        error={fieldError("body")}
      />
      <fieldset className="rounded-2xl border border-line p-4 sm:p-5">
        <legend className="px-1.5 text-sm font-semibold">{t("placement")}</legend>
        <p className="mb-4 text-sm text-muted">{t("placementHint")}</p>
        <AxisPad x={fields.x} y={fields.y} onChange={(x, y) => update({ x, y })} axes={axes} lang={axesLang} errors={{ x: fieldError("x"), y: fieldError("y") }} />
      </fieldset>
      <FormAlert problem={problem} />
      <FormActions status={<DraftStatus status={draft.status} />} className="border-t border-line pt-5">
        <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} className="px-6 py-2.5" />
      </FormActions>
    </form>
  );
}
