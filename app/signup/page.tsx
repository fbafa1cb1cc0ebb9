import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentContext } from "@/lib/auth/session";
import { AuthCard } from "@/app/_components/auth/auth-card";
import { AuthForm } from "@/app/_components/auth/auth-form";
import { signUpWithPassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default async function SignUpPage() {
  if ((await currentContext()).actor) redirect("/");
  return (
    <AuthCard mode="signUp">
      <AuthForm mode="signUp" action={signUpWithPassword} />
    </AuthCard>
  );
}
