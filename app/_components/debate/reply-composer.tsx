"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import type { Stance } from "@/lib/forum/stances";
import type { ReplyView } from "@/lib/forum/reply-view";
import { replyDraftKey } from "@/lib/rules/draft-keys";
import { textLimits, withinLimit } from "@/lib/rules/text-limits";
import { callApi } from "@/app/_components/client/api-client";
import { DraftStatus, FormAlert } from "@/app/_components/ui/form-alert";
import { MarkdownField } from "@/app/_components/ui/markdown-field";
import { stanceList } from "@/app/_components/debate/stance-badge";
import { StancePicker } from "@/app/_components/debate/stance-picker";
import { problemOf, useIdempotencyKey, type Problem } from "@/app/_components/client/submission";
import { useDraft } from "@/app/_components/client/use-draft";
import { FormActions } from "@/app/_components/ui/form-actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

type Props = {
  scenarioId: string;
  parentId: string | null;
  label: string;
  placeholder: string;
  autoFocus?: boolean;
  /** Inline composers close after posting or on cancel; the top-level one stays. */
  onClose?: () => void;
  /** Where the new reply will show when this page nests no deeper: its branch page, opened at the reply. */
  branchHref?: string;
  /** On a debate of several pages, the scenario page: a new top-level reply is opened on the page that holds it. */
  threadHref?: string;
};

type Fields = { body: string; stance: Stance };

/**
 * Once the refreshed page holds the new reply, bring it into view, mark it for a moment and move focus there,
 * so sighted and screen-reader members both land on what they posted. Lives outside the composer, which may
 * already have closed.
 */
function revealReply(replyId: string) {
  const started = performance.now();
  const look = () => {
    const element = document.getElementById(`reply-${replyId}`);
    if (!element) {
      if (performance.now() - started < 8000) requestAnimationFrame(look);
      return;
    }
    element.setAttribute("data-fresh", "");
    element.scrollIntoView({ block: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    element.focus({ preventScroll: true });
    window.setTimeout(() => element.removeAttribute("data-fresh"), 4000);
  };
  look();
}

/** Writes a reply (Markdown and a stance) to the scenario or to a reply, kept as a draft while typing. */
export function ReplyComposer({ scenarioId, parentId, label, placeholder, autoFocus, onClose, branchHref, threadHref }: Props) {
  const t = useTranslations("thread");
  const tErrors = useTranslations("composer.errors");
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Fields>({ body: "", stance: "neutral" });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [posted, setPosted] = useState(false);
  const [, startTransition] = useTransition();
  const idempotency = useIdempotencyKey();
  const draft = useDraft(
    replyDraftKey(scenarioId, parentId ?? null),
    fields,
    (saved) =>
      setFields({
        body: typeof saved.body === "string" ? saved.body : "",
        stance: (stanceList as readonly unknown[]).includes(saved.stance) ? (saved.stance as Stance) : "neutral",
      }),
    (value) => !value.body.trim(),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!withinLimit(fields.body, textLimits.replyBody)) {
      setProblem({ fields: ["body"], code: "validation_failed" });
      form.current?.querySelector<HTMLElement>('[name="body"]')?.focus();
      return;
    }
    setPending(true);
    setProblem(null);
    setPosted(false);
    const payload = { body: fields.body, stance: fields.stance, parentId };
    try {
      await draft.settle();
      const { reply } = await callApi<{ reply: ReplyView }>("POST", `/scenarios/${scenarioId}/replies`, payload, {
        "idempotency-key": idempotency.keyFor(payload),
      });
      draft.forget();
      idempotency.clear();
      setFields({ body: "", stance: "neutral" });
      if (branchHref || threadHref) {
        router.push(branchHref ? `${branchHref}#reply-${reply.id}` : `${threadHref}?reply=${reply.id}#reply-${reply.id}`);
        revealReply(reply.id);
        return;
      }
      setPosted(true);
      startTransition(() => router.refresh());
      revealReply(reply.id);
      onClose?.();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-3">
      <MarkdownField
        name="body"
        label={label}
        hideLabel
        value={fields.body}
        onChange={(body) => {
          setFields((current) => ({ ...current, body }));
          setPosted(false);
        }}
        max={textLimits.replyBody[1]}
        rows={parentId ? 3 : 4}
        placeholder={placeholder}
        autoFocus={autoFocus}
        error={problem?.fields.includes("body") ? tErrors("replyBody") : undefined}
      />
      <StancePicker value={fields.stance} onChange={(stance) => setFields((current) => ({ ...current, stance }))} />
      <FormAlert problem={problem?.code === "validation_failed" && problem.fields.every((f) => f === "body") ? null : problem} />
      <FormActions
        status={
          <>
            <DraftStatus status={posted ? "idle" : draft.status} />
            {posted && (
              <p role="status" className="text-sm font-medium text-supports">
                {t("posted")}
              </p>
            )}
          </>
        }
        cancel={onClose && { label: t("cancel"), onClick: onClose }}
      >
        <SubmitButton pending={pending} label={t("send")} pendingLabel={t("sending")} className="px-5 py-2 text-sm" />
      </FormActions>
    </form>
  );
}
