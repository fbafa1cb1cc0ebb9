import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { verifyEmail } from "@/lib/auth/email-verification";
import { ValidationFailed } from "@/lib/errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verifyEmail"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<{ token?: string }> };

/** Where the sign-up email's link lands: arriving verifies the address (the signed token is the authority). */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const [{ token }, t] = await Promise.all([searchParams, getTranslations("verifyEmail")]);
  const member = await verifyEmail({ token }).catch((error: unknown) => {
    if (error instanceof ValidationFailed) return null;
    throw error;
  });
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 text-muted">{member ? t("verified") : t("invalid")}</p>
      {member?.role === "admin" && <p className="mt-2 text-muted">{t("admin")}</p>}
      <Link href="/" className="mt-8 inline-block rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent">
        {t("continue")}
      </Link>
    </div>
  );
}
