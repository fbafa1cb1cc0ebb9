"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiError, callApi } from "@/app/_components/client/api-client";
import { textLimits } from "@/lib/rules/text-limits";
import { primaryButton } from "@/app/_components/ui/button-styles";

type TargetType = "post" | "scenario" | "reply";
type ModAction = "hide" | "restore" | "lock" | "unlock" | "pin" | "unpin" | "merge" | "unmerge";
export type MergeTarget = { id: string; title: string };

type Props = {
  targetType: TargetType;
  targetId: string;
  hidden: boolean;
  /** Given for what can be locked (posts, scenarios) and pinned (scenarios). */
  locked?: boolean;
  pinned?: boolean;
  /** The moderation version this page shows: acting on an older one is refused with who acted since. */
  version: number;
  /** A scenario merged into another: its one action is to undo that. */
  merged?: boolean;
  /** The post's other visible scenarios, which a scenario can be merged into (given for scenarios). */
  mergeTargets?: MergeTarget[];
};

/**
 * A moderator's actions on a post, scenario or reply: a disclosure button (reachable and opened with the
 * keyboard, closed with Escape) listing what applies, each asking for a reason before it is sent (and a merge for
 * the scenario to merge into). On a phone it opens as a sheet along the bottom, whole on screen in either direction.
 */
export function ModerationMenu({ targetType, targetId, hidden, locked, pinned, version, merged = false, mergeTargets = [] }: Props) {
  const t = useTranslations("modActions");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<ModAction | null>(null);
  const [reason, setReason] = useState("");
  const [into, setInto] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actions: ModAction[] = merged
    ? ["unmerge"]
    : [
        hidden ? "restore" : "hide",
        ...(locked === undefined ? [] : [locked ? ("unlock" as const) : ("lock" as const)]),
        ...(pinned === undefined ? [] : [pinned ? ("unpin" as const) : ("pin" as const)]),
        ...(mergeTargets.length > 0 ? ["merge" as const] : []),
      ];

  const close = () => {
    setOpen(false);
    setAction(null);
    setReason("");
    setInto("");
    setError(null);
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!action) return;
    if (action === "merge" && into === "") return setError(t("intoRequired"));
    if (reason.trim() === "") return setError(t("reasonRequired"));
    setBusy(true);
    setError(null);
    try {
      await callApi("POST", `/mod/${targetType}/${targetId}/${action}`, { reason, version, ...(action === "merge" ? { into } : {}) });
      close();
      router.refresh();
    } catch (failure) {
      const message = failure instanceof ApiError ? failure.message : String(failure);
      setError(failure instanceof ApiError && failure.code === "conflict" ? `${t("conflict")} ${message}` : t("failed", { message }));
      if (failure instanceof ApiError && failure.code === "conflict") router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="relative inline-block text-sm" onKeyDown={(event) => event.key === "Escape" && open && close()}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        className="inline-flex cursor-pointer items-center gap-1 rounded-full border border-line px-2.5 py-0.5 font-medium text-muted hover:border-accent hover:text-accent"
        data-moderation-menu={targetType}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
          <path d="M8 1.5 13.5 4v4c0 3.2-2.3 5.6-5.5 6.5C4.8 13.6 2.5 11.2 2.5 8V4z" />
        </svg>
        {t("menu")}
        <span className="sr-only"> — {t("menuLabel", { type: targetType })}</span>
      </button>
      {open && (
        <div id={id} role="group" aria-label={t("menuLabel", { type: targetType })} className="absolute end-0 z-20 mt-1 w-72 max-w-[85vw] rounded-xl border border-line bg-card p-3 shadow-lg max-sm:fixed max-sm:inset-x-3 max-sm:bottom-3 max-sm:w-auto max-sm:max-w-none">
          {action === null ? (
            <ul className="flex flex-col gap-1">
              {actions.map((each) => (
                <li key={each}>
                  <button type="button" onClick={() => setAction(each)} className="w-full cursor-pointer rounded-lg px-3 py-1.5 text-start font-medium hover:bg-accent-soft hover:text-accent">
                    {t(`actions.${each}`)}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <form onSubmit={submit} noValidate>
              {action === "merge" && (
                <div className="mb-2">
                  <label htmlFor={`${id}-into`} className="block font-medium">
                    {t("intoLabel")}
                  </label>
                  <select
                    id={`${id}-into`}
                    value={into}
                    onChange={(event) => setInto(event.target.value)}
                    required
                    autoFocus
                    className="mt-1.5 w-full rounded-lg border border-line bg-paper px-2.5 py-1.5"
                    data-merge-into
                  >
                    <option value="">{t("intoPlaceholder")}</option>
                    {mergeTargets.map((target) => (
                      <option key={target.id} value={target.id} dir="auto">
                        {target.title}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <label htmlFor={`${id}-reason`} className="block font-medium">
                {t("reasonLabel")}
              </label>
              <textarea
                id={`${id}-reason`}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                required
                maxLength={textLimits.moderationReason[1]}
                rows={3}
                autoFocus={action !== "merge"}
                dir="auto"
                placeholder={t("reasonPlaceholder")}
                aria-invalid={error !== null}
                aria-describedby={error ? `${id}-error` : undefined}
                className="mt-1.5 w-full rounded-lg border border-line bg-paper px-2.5 py-1.5"
              />
              {error && (
                <p id={`${id}-error`} role="alert" className="mt-1.5 text-danger">
                  {error}
                </p>
              )}
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="submit" disabled={busy} className={`${primaryButton} px-4 py-1.5 font-semibold`}>
                  {busy ? t("working") : action === "merge" ? t("confirmMerge") : t("confirm", { action: t(`actions.${action}`) })}
                </button>
                <button type="button" onClick={close} className="cursor-pointer rounded-full border border-line px-4 py-1.5 text-muted hover:text-ink">
                  {t("cancel")}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
