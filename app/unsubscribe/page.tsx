import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { nullWhenInvalid, SignedLinkOutcome } from "@/app/_components/auth/signed-link-outcome";
import { unsubscribe } from "@/lib/notify/unsubscribe";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettingsEmail"))("unsubscribed.title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ token?: string }> };

/** Where an email's unsubscribe link lands: one click turns that email off (the signed token is the authority). */
export default async function UnsubscribePage({ searchParams }: Props) {
  const [{ token }, t] = await Promise.all([searchParams, getTranslations("notificationSettingsEmail")]);
  const result = await nullWhenInvalid(unsubscribe({ token }));
  return (
    <SignedLinkOutcome title={result ? t("unsubscribed.title") : t("unsubscribed.invalid")} href="/settings" next={t("unsubscribed.settings")}>
      {result && <p className="mt-4 text-muted">{t(`unsubscribed.${result.unsubscribed}`)}</p>}
    </SignedLinkOutcome>
  );
}
