"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createToken } from "./actions";

/** Creates a token and shows its secret this once. */
export function TokenCreator() {
  const t = useTranslations("settings");
  const [state, submit, pending] = useActionState(createToken, {});
  return (
    <div>
      <form action={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="token-label" className="block text-sm font-medium">
            {t("tokenLabel")}
          </label>
          <input id="token-label" name="label" dir="auto" maxLength={100} className="mt-1 block w-full rounded-xl border border-line bg-paper px-4 py-2.5 outline-none focus:border-accent" />
        </div>
        <button type="submit" disabled={pending} className="cursor-pointer rounded-full border border-accent px-5 py-2.5 font-medium text-accent hover:bg-accent-soft disabled:opacity-60">
          {t("createToken")}
        </button>
      </form>
      <div role="status">
        {state.token && (
          <div className="mt-4 rounded-xl border border-gold/40 bg-gold-soft p-4">
            <p className="text-sm">{t("newToken")}</p>
            <code dir="ltr" className="mt-2 block select-all break-all rounded-lg bg-card px-3 py-2 font-mono text-sm" data-testid="new-token">
              {state.token}
            </code>
          </div>
        )}
      </div>
    </div>
  );
}
