import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { nullWhenInvalid, SignedLinkOutcome } from "@/app/_components/auth/signed-link-outcome";
import { verifyEmail } from "@/lib/auth/email-verification";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verifyEmail"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ token?: string }> };

/** Where the sign-up email's link lands: arriving verifies the address (the signed token is the authority). */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const [{ token }, t] = await Promise.all([searchParams, getTranslations("verifyEmail")]);
  const member = await nullWhenInvalid(verifyEmail({ token }));
  return (
    <SignedLinkOutcome title={t("title")} href="/" next={t("continue")}>
      <p className="mt-4 text-muted">{member ? t("verified") : t("invalid")}</p>
      {member?.role === "admin" && <p className="mt-2 text-muted">{t("admin")}</p>}
    </SignedLinkOutcome>
  );
}
