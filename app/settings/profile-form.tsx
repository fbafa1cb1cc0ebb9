"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { saveProfile } from "./actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

const inputClass =
  "mt-1 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-ink outline-none focus:border-accent aria-[invalid=true]:border-red-600";

export function ProfileForm({ name, handle }: { name: string; handle: string }) {
  const t = useTranslations();
  const [state, submit, pending] = useActionState(saveProfile, {});
  const invalid = (field: string) => !!state.fields?.includes(field);
  return (
    <form action={submit} className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="profile-name" className="block text-sm font-medium">
          {t("auth.name")}
        </label>
        <input id="profile-name" name="name" dir="auto" required defaultValue={name} aria-invalid={invalid("name")} className={inputClass} />
        {invalid("name") && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{t("auth.errors.name")}</p>}
      </div>
      <div>
        <label htmlFor="profile-handle" className="block text-sm font-medium">
          {t("settings.handle")}
        </label>
        <input id="profile-handle" name="handle" dir="ltr" required defaultValue={handle} aria-invalid={invalid("handle")} className={inputClass} />
        {invalid("handle") && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{t("auth.errors.handle")}</p>}
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending} label={t("settings.save")} pendingLabel={t("auth.working")} className="px-5 py-2" />
        <p role="status" className="text-sm text-muted">
          {state.saved ? t("settings.saved") : state.error && !state.fields?.length ? t("auth.errors.unknown") : ""}
        </p>
      </div>
    </form>
  );
}
