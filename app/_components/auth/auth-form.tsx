"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { AuthFormState } from "@/app/_components/auth/auth-form-state";
import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = {
  mode: "signIn" | "signUp";
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  next?: string;
};

const inputClass =
  "mt-1 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 text-base text-ink outline-none focus:border-accent aria-[invalid=true]:border-red-600";

/** Email and password (and a name when signing up), with errors shown beside their fields. */
export function AuthForm({ mode, action, next }: Props) {
  const t = useTranslations("auth");
  const [state, submit, pending] = useActionState(action, {});
  const invalid = (field: string) => state.error === "validation_failed" && !!state.fields?.includes(field);
  const field = (name: "email" | "password" | "name", type: string, autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={`${mode}-${name}`} className="block text-sm font-medium">
        {t(name)}
      </label>
      <input
        id={`${mode}-${name}`}
        name={name}
        type={type}
        required
        dir={name === "name" ? "auto" : "ltr"}
        autoComplete={autoComplete}
        defaultValue={name === "password" ? undefined : state[name]}
        aria-invalid={invalid(name)}
        aria-describedby={hint || invalid(name) ? `${mode}-${name}-hint` : undefined}
        className={inputClass}
      />
      {(hint || invalid(name)) && (
        <p id={`${mode}-${name}-hint`} className={`mt-1 text-sm ${invalid(name) ? "text-red-700 dark:text-red-400" : "text-muted"}`}>
          {invalid(name) ? t(`errors.${name}`) : hint}
        </p>
      )}
    </div>
  );
  return (
    <form action={submit} className="space-y-5" noValidate={mode === "signUp"}>
      {next && <input type="hidden" name="next" value={next} />}
      {state.error && (
        <p role="alert" className="rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {t.has(`errors.${state.error}`) ? t(`errors.${state.error}`) : t("errors.unknown")}
        </p>
      )}
      {mode === "signUp" && field("name", "text", "name", t("nameHint"))}
      {field("email", "email", "email")}
      {field("password", "password", mode === "signUp" ? "new-password" : "current-password", mode === "signUp" ? t("passwordHint") : undefined)}
      <button
        type="submit"
        disabled={pending}
        className={`${primaryButton} w-full px-6 py-3 font-semibold`}
      >
        {pending ? t("working") : t(mode === "signIn" ? "submitSignIn" : "submitSignUp")}
      </button>
    </form>
  );
}
