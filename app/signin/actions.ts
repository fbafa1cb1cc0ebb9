"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import type { AuthFormState } from "@/app/_components/auth/auth-form-state";

export async function signInWithPassword(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: formData.get("password"),
      redirectTo: safeRedirectTarget(formData.get("next")),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: error.code === "rate_limited" ? "rate_limited" : "invalid", email };
    if (error instanceof AuthError) return { error: "unknown", email };
    throw error; // the redirect that completes a successful sign-in
  }
  return {};
}

export async function signInWithProvider(formData: FormData): Promise<void> {
  const provider = formData.get("provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeRedirectTarget(formData.get("next")) });
}
