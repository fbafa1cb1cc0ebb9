import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ValidationFailed } from "@/lib/errors";
import { unsubscribe } from "@/lib/notify/unsubscribe";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettingsEmail"))("unsubscribed.title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ token?: string }> };

/** Where an email's unsubscribe link lands: one click turns that email off (the signed token is the authority). */
export default async function UnsubscribePage({ searchParams }: Props) {
  const [{ token }, t] = await Promise.all([searchParams, getTranslations("notificationSettingsEmail")]);
  const result = await unsubscribe({ token }).catch((error: unknown) => {
    if (error instanceof ValidationFailed) return null;
    throw error;
  });
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold">{result ? t("unsubscribed.title") : t("unsubscribed.invalid")}</h1>
      {result && <p className="mt-4 text-muted">{t(`unsubscribed.${result.unsubscribed}`)}</p>}
      <Link href="/settings" className="mt-8 inline-block rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent">
        {t("unsubscribed.settings")}
      </Link>
    </div>
  );
}
