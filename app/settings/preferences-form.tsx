"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { NotificationPreferences } from "@/lib/notify/preferences";
import { savePreferences } from "./actions";

export function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const t = useTranslations("notificationSettings");
  const [state, submit, pending] = useActionState(savePreferences, {});
  return (
    <form action={submit} className="space-y-4">
      <label className="flex items-start gap-3">
        <input type="checkbox" name="autoFollow" defaultChecked={preferences.autoFollow} className="mt-1 size-4 accent-accent" />
        <span>
          <span className="block font-medium">{t("autoFollow")}</span>
          <span className="block text-sm text-muted">{t("autoFollowHint")}</span>
        </span>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="cursor-pointer rounded-full bg-accent px-5 py-2 font-medium text-paper hover:opacity-90 disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
        <p role="status" className="text-sm text-muted">
          {state.saved ? t("saved") : state.error ? t("failed") : ""}
        </p>
      </div>
    </form>
  );
}
