"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { NotificationPreferences } from "@/lib/notify/preferences";
import { savePreferences } from "./actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

function Choice({ name, checked, disabled = false, label, hint }: { name: string; checked: boolean; disabled?: boolean; label: string; hint?: string }) {
  return (
    <label className={`flex items-start gap-3 ${disabled ? "opacity-60" : ""}`}>
      <input type="checkbox" name={name} defaultChecked={checked} disabled={disabled} className="mt-1 size-4 accent-accent" />
      <span>
        <span className="block font-medium">{label}</span>
        {hint && <span className="block text-sm text-muted">{hint}</span>}
      </span>
    </label>
  );
}

export function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const t = useTranslations("notificationSettings");
  const tEmail = useTranslations("notificationSettingsEmail");
  const [state, submit, pending] = useActionState(savePreferences, {});
  const noMail = !preferences.mailConfigured;
  return (
    <form action={submit} className="space-y-4">
      <input type="hidden" name="mailConfigured" value={noMail ? "no" : "yes"} />
      <Choice name="autoFollow" checked={preferences.autoFollow} label={t("autoFollow")} hint={t("autoFollowHint")} />
      <Choice name="emailReplies" checked={preferences.emailReplies} disabled={noMail} label={tEmail("emailReplies")} />
      <Choice name="emailDigest" checked={preferences.emailDigest} disabled={noMail} label={tEmail("emailDigest")} />
      {noMail && (
        <p data-mail-not-configured className="text-sm text-muted">
          {tEmail("notConfigured")}
        </p>
      )}
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} className="px-5 py-2" />
        <p role="status" className="text-sm text-muted">
          {state.saved ? t("saved") : state.error ? t("failed") : ""}
        </p>
      </div>
    </form>
  );
}
