import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { currentContext } from "@/lib/auth/session";
import { AuthCard } from "@/app/_components/auth/auth-card";
import { AuthForm } from "@/app/_components/auth/auth-form";
import { signInWithPassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeRedirectTarget((await searchParams).next);
  if ((await currentContext()).actor) redirect(next);
  return (
    <AuthCard mode="signIn" next={next}>
      <AuthForm mode="signIn" action={signInWithPassword} next={next} />
    </AuthCard>
  );
}
