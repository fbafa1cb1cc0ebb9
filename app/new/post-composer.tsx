"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { PostView } from "@/lib/forum/post-view";
import { callApi } from "@/app/_components/api-client";
import { FormAlert } from "@/app/_components/form-alert";
import { MarkdownField } from "@/app/_components/markdown-field";
import { textLength, useSubmission } from "@/app/_components/submission";

type Lang = "ar" | "en";
const axisKeys = ["xLabel", "xLow", "xHigh", "yLabel", "yLow", "yHigh"] as const;
const cornerKeys = ["highHigh", "highLow", "lowHigh", "lowLow"] as const;
type Labels = Record<(typeof axisKeys)[number] | (typeof cornerKeys)[number], string>;
type Fields = { lang: Lang; title: string; body: string; question: string; labels: Labels; translate: boolean; tTitle: string; tBody: string; tQuestion: string };

const emptyLabels = Object.fromEntries([...axisKeys, ...cornerKeys].map((k) => [k, ""])) as Labels;
const inputClass =
  "mt-1.5 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-ink outline-none focus:border-accent aria-[invalid=true]:border-danger";

function invalidFields(f: Fields): string[] {
  const bad: string[] = [];
  const within = (v: string, min: number, max: number) => textLength(v) >= min && textLength(v) <= max;
  if (!within(f.title, 3, 200)) bad.push("title");
  if (!within(f.body, 1, 20_000)) bad.push("body");
  if (!within(f.question, 3, 500)) bad.push("question");
  if (Object.values(f.labels).some((v) => !within(v, 1, 80))) bad.push("axes");
  if (f.translate && (!within(f.tTitle, 3, 200) || !within(f.tBody, 1, 20_000) || !within(f.tQuestion, 3, 500))) bad.push("translation");
  return bad;
}

/** The moderator's "open a post" form: the article, its question, its two axes and corners, and a translation. */
export function PostComposer({ defaultLang }: { defaultLang: Lang }) {
  const t = useTranslations("newPost");
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Fields>({ lang: defaultLang, title: "", body: "", question: "", labels: emptyLabels, translate: false, tTitle: "", tBody: "", tQuestion: "" });
  const { problem, pending, submit: submitWith } = useSubmission(form, (name) => `[data-field="${name}"]`);
  const other: Lang = fields.lang === "ar" ? "en" : "ar";
  const update = (change: Partial<Fields>) => setFields((current) => ({ ...current, ...change }));
  const label = (key: keyof Labels, value: string) => setFields((c) => ({ ...c, labels: { ...c.labels, [key]: value } }));
  const fieldError = (name: string) => (problem?.fields.includes(name) ? t(`errors.${name}`) : undefined);

  const submit = (event: FormEvent) =>
    submitWith(event, invalidFields(fields), async () => {
      const l = fields.labels;
      const payload = {
        title: fields.title,
        body: fields.body,
        question: fields.question,
        lang: fields.lang,
        axes: {
          x: { label: l.xLabel, low: l.xLow, high: l.xHigh },
          y: { label: l.yLabel, low: l.yLow, high: l.yHigh },
          quadrants: { highHigh: l.highHigh, highLow: l.highLow, lowHigh: l.lowHigh, lowLow: l.lowLow },
        },
        ...(fields.translate ? { translation: { lang: other, title: fields.tTitle, body: fields.tBody, question: fields.tQuestion } } : {}),
      };
      const { post } = await callApi<{ post: PostView }>("POST", "/posts", payload);
      router.push(`/p/${post.slug}`);
    });

  const textInput = (key: keyof Labels, field: string) => (
    <div key={key}>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-semibold">
        {t(`labels.${key}`)}
      </label>
      <input
        id={`${id}-${key}`}
        data-field={field}
        dir="auto"
        lang={fields.lang}
        value={fields.labels[key]}
        onChange={(e) => label(key, e.target.value)}
        aria-invalid={!!fieldError(field) && textLength(fields.labels[key]) === 0}
        autoComplete="off"
        className={inputClass}
      />
    </div>
  );

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-6">
      <div>
        <label htmlFor={`${id}-lang`} className="block text-sm font-semibold">
          {t("lang")}
        </label>
        <select id={`${id}-lang`} value={fields.lang} onChange={(e) => update({ lang: e.target.value as Lang })} className={inputClass}>
          <option value="ar">{t("languageName.ar")}</option>
          <option value="en">{t("languageName.en")}</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-title`} className="block text-sm font-semibold">
          {t("title")}
        </label>
        <input
          id={`${id}-title`}
          name="title"
          data-field="title"
          dir="auto"
          lang={fields.lang}
          value={fields.title}
          onChange={(e) => update({ title: e.target.value })}
          aria-invalid={!!fieldError("title")}
          aria-describedby={`${id}-title-hint`}
          autoComplete="off"
          className={`${inputClass} text-lg font-semibold`}
        />
        <p id={`${id}-title-hint`} className={`mt-1.5 text-sm ${fieldError("title") ? "font-medium text-danger" : "text-muted"}`}>
          {fieldError("title") ?? t("titleHint")}
        </p>
      </div>
      <div data-field="body" tabIndex={-1}>
        <MarkdownField name="body" label={t("body")} value={fields.body} onChange={(body) => update({ body })} max={20_000} rows={12} hint={t("bodyHint")} error={fieldError("body")} />
      </div>
      <div>
        <label htmlFor={`${id}-question`} className="block text-sm font-semibold">
          {t("question")}
        </label>
        <textarea
          id={`${id}-question`}
          data-field="question"
          dir="auto"
          lang={fields.lang}
          rows={2}
          value={fields.question}
          onChange={(e) => update({ question: e.target.value })}
          aria-invalid={!!fieldError("question")}
          aria-describedby={`${id}-question-hint`}
          className={inputClass}
        />
        <p id={`${id}-question-hint`} className={`mt-1.5 text-sm ${fieldError("question") ? "font-medium text-danger" : "text-muted"}`}>
          {fieldError("question") ?? t("questionHint")}
        </p>
      </div>
      <fieldset className="rounded-2xl border border-line p-4 sm:p-5">
        <legend className="px-1.5 text-sm font-semibold">{t("axes")}</legend>
        <p className={`mb-4 text-sm ${fieldError("axes") ? "font-medium text-danger" : "text-muted"}`}>{fieldError("axes") ?? t("axesHint")}</p>
        <div className="grid gap-4 sm:grid-cols-3">{axisKeys.map((k) => textInput(k, "axes"))}</div>
        <p className="mt-5 mb-3 text-sm font-semibold">{t("quadrants")}</p>
        <div className="grid gap-4 sm:grid-cols-2">{cornerKeys.map((k) => textInput(k, "axes"))}</div>
      </fieldset>
      <fieldset className="rounded-2xl border border-line p-4 sm:p-5">
        <legend className="px-1.5 text-sm font-semibold">{t("translation")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" data-field="translation" checked={fields.translate} onChange={(e) => update({ translate: e.target.checked })} />
          {t("addTranslation", { language: t(`languageName.${other}`) })}
        </label>
        {fieldError("translation") && <p className="mt-2 text-sm font-medium text-danger">{fieldError("translation")}</p>}
        {fields.translate && (
          <div className="mt-4 space-y-4" lang={other}>
            <div>
              <label htmlFor={`${id}-ttitle`} className="block text-sm font-semibold">
                {t("title")}
              </label>
              <input id={`${id}-ttitle`} dir="auto" value={fields.tTitle} onChange={(e) => update({ tTitle: e.target.value })} autoComplete="off" className={inputClass} />
            </div>
            <MarkdownField name="translationBody" label={t("body")} value={fields.tBody} onChange={(tBody) => update({ tBody })} max={20_000} rows={8} />
            <div>
              <label htmlFor={`${id}-tquestion`} className="block text-sm font-semibold">
                {t("question")}
              </label>
              <textarea id={`${id}-tquestion`} dir="auto" rows={2} value={fields.tQuestion} onChange={(e) => update({ tQuestion: e.target.value })} className={inputClass} />
            </div>
          </div>
        )}
      </fieldset>
      <FormAlert problem={problem} />
      <div className="flex justify-end border-t border-line pt-5">
        <button
          type="submit"
          disabled={pending}
          className="cursor-pointer rounded-full bg-accent px-6 py-2.5 font-semibold text-paper transition hover:opacity-90 disabled:cursor-wait disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </div>
    </form>
  );
}
