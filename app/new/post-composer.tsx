"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { postPath } from "@/lib/forum/paths";
import type { PostView } from "@/lib/forum/post-view";
import { callApi } from "@/app/_components/client/api-client";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { MarkdownField } from "@/app/_components/ui/markdown-field";
import { useSubmission } from "@/app/_components/client/submission";
import { textLength, textLimits, withinLimit, type TextLimit } from "@/lib/rules/text-limits";
import { SubmitButton } from "@/app/_components/ui/submit-button";

type Lang = "ar" | "en";
const axisParts = ["label", "low", "high"] as const;
// In reading order of the map: its top row is the high end of the vertical axis, and each row starts at the low
// end of the horizontal one (on the right in Arabic, where the map is mirrored like the grid).
const cornerKeys = ["lowHigh", "highHigh", "lowLow", "highLow"] as const;
type AxisLabels = Record<(typeof axisParts)[number], string>;
type Labels = { x: AxisLabels; y: AxisLabels; corners: Record<(typeof cornerKeys)[number], string> };
type Fields = { lang: Lang; title: string; body: string; question: string; labels: Labels; translate: boolean; tTitle: string; tBody: string; tQuestion: string; tLabels: Labels };

const limits = { title: textLimits.postTitle, body: textLimits.postBody, question: textLimits.postQuestion, label: textLimits.axisLabel };
const emptyAxis: AxisLabels = { label: "", low: "", high: "" };
const emptyLabels: Labels = { x: emptyAxis, y: emptyAxis, corners: { lowHigh: "", highHigh: "", lowLow: "", highLow: "" } };
const inputClass =
  "mt-1.5 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-ink outline-none focus:border-accent aria-[invalid=true]:border-danger";

// A translated label may be left empty (the original is shown then), but not longer than a label.
const translatedLabel: TextLimit = [0, textLimits.axisLabel[1]];
const allLabels = (l: Labels) => [...Object.values(l.x), ...Object.values(l.y), ...Object.values(l.corners)];

function invalidFields(f: Fields): string[] {
  const bad: string[] = [];
  if (!withinLimit(f.title, limits.title)) bad.push("title");
  if (!withinLimit(f.body, limits.body)) bad.push("body");
  if (!withinLimit(f.question, limits.question)) bad.push("question");
  if (allLabels(f.labels).some((v) => !withinLimit(v, limits.label))) bad.push("axes");
  const translationOk =
    withinLimit(f.tTitle, limits.title) &&
    withinLimit(f.tBody, limits.body) &&
    withinLimit(f.tQuestion, limits.question) &&
    allLabels(f.tLabels).every((v) => withinLimit(v, translatedLabel));
  if (f.translate && !translationOk) bad.push("translation");
  return bad;
}

/** A label in the post's language, with its translation when the moderator gave one. */
function labelValue(original: string, translated: string, lang: Lang, other: Lang, translate: boolean) {
  return translate && textLength(translated) > 0 ? { [lang]: original, [other]: translated } : original;
}

function axesPayload(f: Fields, other: Lang) {
  const v = (pick: (l: Labels) => string) => labelValue(pick(f.labels), pick(f.tLabels), f.lang, other, f.translate);
  const axis = (key: "x" | "y") => ({ label: v((l) => l[key].label), low: v((l) => l[key].low), high: v((l) => l[key].high) });
  return {
    x: axis("x"),
    y: axis("y"),
    quadrants: Object.fromEntries(cornerKeys.map((k) => [k, v((l) => l.corners[k])])),
  };
}

/** The moderator's "open a post" form: the article, its question, its two axes and corners, and a translation. */
export function PostComposer({ defaultLang }: { defaultLang: Lang }) {
  const t = useTranslations("newPost");
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Fields>({
    lang: defaultLang,
    title: "",
    body: "",
    question: "",
    labels: emptyLabels,
    translate: false,
    tTitle: "",
    tBody: "",
    tQuestion: "",
    tLabels: emptyLabels,
  });
  const { problem, pending, submit: submitWith } = useSubmission(form, (name) => `[data-field="${name}"]`);
  const other: Lang = fields.lang === "ar" ? "en" : "ar";
  const update = (change: Partial<Fields>) => setFields((current) => ({ ...current, ...change }));
  const fieldError = (name: string) => (problem?.fields.includes(name) ? t(`errors.${name}`) : undefined);

  const submit = (event: FormEvent) =>
    submitWith(event, invalidFields(fields), async () => {
      const payload = {
        lang: fields.lang,
        title: fields.title,
        body: fields.body,
        question: fields.question,
        axes: axesPayload(fields, other),
        ...(fields.translate ? { translation: { lang: other, title: fields.tTitle, body: fields.tBody, question: fields.tQuestion } } : {}),
      };
      const { post } = await callApi<{ post: PostView }>("POST", "/posts", payload);
      router.push(postPath(post.slug));
    });

  /** The two axes and the four corners, in the post's language or (translated) in the other. */
  function labelInputs(which: "labels" | "tLabels") {
    const translated = which === "tLabels";
    const lang = translated ? other : fields.lang;
    const values = fields[which];
    const field = translated ? "translation" : "axes";
    const invalid = (value: string) => !!fieldError(field) && !withinLimit(value, translated ? translatedLabel : limits.label);
    const set = (change: (l: Labels) => Labels) => setFields((c) => ({ ...c, [which]: change(c[which]) }));
    const input = (key: string, label: string, value: string, onChange: (value: string) => void, first = false, wide = false) => (
      <div key={key} className={wide ? "col-span-2 sm:col-span-1" : undefined}>
        <label htmlFor={`${id}-${which}-${key}`} className="block text-sm font-semibold">
          {label}
        </label>
        <input
          id={`${id}-${which}-${key}`}
          data-field={first ? field : undefined}
          dir="auto"
          lang={lang}
          value={value}
          maxLength={limits.label[1]}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid(value)}
          autoComplete="off"
          className={inputClass}
        />
      </div>
    );
    return (
      <>
        {(["x", "y"] as const).map((axis) => (
          <fieldset key={axis} className="mb-5">
            <legend className="mb-1 text-sm font-bold text-accent">{t(`axis.${axis}`)}</legend>
            <div className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
              {axisParts.map((part) =>
                input(`${axis}-${part}`, t(`axisPart.${part}`), values[axis][part], (v) => set((l) => ({ ...l, [axis]: { ...l[axis], [part]: v } })), !translated && axis === "x" && part === "label", part === "label"),
              )}
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend className="mb-1 text-sm font-bold text-accent">{t("quadrants")}</legend>
          <p className="mb-3 text-sm text-muted">{t("quadrantsHint")}</p>
          <div className="grid grid-cols-2 items-end gap-x-3 gap-y-3 rounded-xl border border-dashed border-line p-3 sm:gap-x-4">
            {cornerKeys.map((corner) =>
              input(`corner-${corner}`, t(`corner.${corner}`), values.corners[corner], (v) => set((l) => ({ ...l, corners: { ...l.corners, [corner]: v } }))),
            )}
          </div>
        </fieldset>
      </>
    );
  }

  const hint = (name: string, text: string) => (
    <p id={`${id}-${name}-hint`} className={`mt-1.5 text-sm ${fieldError(name) ? "font-medium text-danger" : "text-muted"}`}>
      {fieldError(name) ?? text}
    </p>
  );

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-7">
      <div className="max-w-xs">
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
          className={`${inputClass} font-article text-lg font-semibold`}
        />
        {hint("title", t("titleHint"))}
      </div>
      <div data-field="body" tabIndex={-1}>
        <MarkdownField name="body" label={t("body")} value={fields.body} onChange={(body) => update({ body })} max={limits.body[1]} rows={12} hint={t("bodyHint")} error={fieldError("body")} />
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
          className={`${inputClass} font-article text-lg`}
        />
        {hint("question", t("questionHint"))}
      </div>
      <fieldset className="rounded-2xl border border-line bg-card p-4 sm:p-6">
        <legend className="px-1.5 text-base font-semibold">{t("axes")}</legend>
        <p className={`mb-5 text-sm ${fieldError("axes") ? "font-medium text-danger" : "text-muted"}`}>{fieldError("axes") ?? t("axesHint")}</p>
        {labelInputs("labels")}
      </fieldset>
      <fieldset className="rounded-2xl border border-line bg-card p-4 sm:p-6">
        <legend className="px-1.5 text-base font-semibold">{t("translation")}</legend>
        <label className="flex cursor-pointer items-center gap-2.5 text-sm">
          <input type="checkbox" className="size-4 accent-accent" checked={fields.translate} onChange={(e) => update({ translate: e.target.checked })} />
          {t("addTranslation", { language: t(`languageName.${other}`) })}
        </label>
        {fieldError("translation") && <p className="mt-3 text-sm font-medium text-danger">{fieldError("translation")}</p>}
        {fields.translate && (
          <div className="mt-5 space-y-5">
            <div>
              <label htmlFor={`${id}-ttitle`} className="block text-sm font-semibold">
                {t("title")}
              </label>
              <input
                id={`${id}-ttitle`}
                data-field="translation"
                dir="auto"
                lang={other}
                value={fields.tTitle}
                onChange={(e) => update({ tTitle: e.target.value })}
                aria-invalid={!!fieldError("translation") && !withinLimit(fields.tTitle, limits.title)}
                autoComplete="off"
                className={`${inputClass} font-article font-semibold`}
              />
            </div>
            <MarkdownField
              name="translationBody"
              label={t("body")}
              value={fields.tBody}
              onChange={(tBody) => update({ tBody })}
              max={limits.body[1]}
              rows={8}
              error={fieldError("translation") && !withinLimit(fields.tBody, limits.body) ? t("errors.body") : undefined}
            />
            <div>
              <label htmlFor={`${id}-tquestion`} className="block text-sm font-semibold">
                {t("question")}
              </label>
              <textarea
                id={`${id}-tquestion`}
                dir="auto"
                lang={other}
                rows={2}
                value={fields.tQuestion}
                onChange={(e) => update({ tQuestion: e.target.value })}
                aria-invalid={!!fieldError("translation") && !withinLimit(fields.tQuestion, limits.question)}
                className={`${inputClass} font-article`}
              />
            </div>
            <div className="border-t border-line pt-5">
              <p className="mb-4 text-sm text-muted">{t("translatedLabelsHint", { language: t(`languageName.${other}`) })}</p>
              {labelInputs("tLabels")}
            </div>
          </div>
        )}
      </fieldset>
      <FormAlert problem={problem} />
      <div className="flex justify-end border-t border-line pt-5">
        <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} className="w-full px-6 py-2.5 sm:w-auto" />
      </div>
    </form>
  );
}
