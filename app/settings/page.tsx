import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentContext } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/tokens";
import { revokeToken, signOutEverywhere } from "./actions";
import { ProfileForm } from "./profile-form";
import { TokenCreator } from "./token-creator";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const ctx = await currentContext();
  if (!ctx.actor) redirect("/signin?next=/settings");
  const [t, format, tokens] = await Promise.all([getTranslations("settings"), getFormatter(), listApiTokens(ctx)]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <div className="mx-auto max-w-2xl space-y-10 py-10">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <section aria-labelledby="profile-heading" className="rounded-2xl border border-line bg-card p-6">
        <h2 id="profile-heading" className="mb-4 text-xl font-semibold">
          {t("profile")}
        </h2>
        <ProfileForm name={ctx.actor.name} handle={ctx.actor.handle} />
      </section>
      <section aria-labelledby="tokens-heading" className="rounded-2xl border border-line bg-card p-6">
        <h2 id="tokens-heading" className="text-xl font-semibold">
          {t("tokens")}
        </h2>
        <p className="mt-1 mb-5 text-sm text-muted">{t("tokensLead")}</p>
        <TokenCreator />
        {tokens.length === 0 ? (
          <p className="mt-6 text-sm text-muted">{t("noTokens")}</p>
        ) : (
          <ul className="mt-6 divide-y divide-line border-y border-line">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p dir="auto" className="font-medium">
                    {token.label || t("unlabelled")}
                  </p>
                  <p className="text-sm text-muted">
                    {t("created", { date: date(token.createdAt) })} · {token.lastUsedAt ? t("lastUsed", { date: date(token.lastUsedAt) }) : t("neverUsed")}
                  </p>
                </div>
                <form action={revokeToken}>
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button
                    type="submit"
                    aria-label={t("revokeLabel", { label: token.label || t("unlabelled") })}
                    className="cursor-pointer rounded-full border border-line px-4 py-1.5 text-sm text-red-700 hover:border-red-600 dark:text-red-400"
                  >
                    {t("revoke")}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sessions-heading" className="rounded-2xl border border-line bg-card p-6">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t("sessions")}
        </h2>
        <p className="mt-1 mb-5 text-sm text-muted">{t("sessionsLead")}</p>
        <form action={signOutEverywhere}>
          <button
            type="submit"
            className="cursor-pointer rounded-full border border-line px-4 py-1.5 text-sm text-red-700 hover:border-red-600 dark:text-red-400"
          >
            {t("signOutEverywhere")}
          </button>
        </form>
      </section>
    </div>
  );
}
