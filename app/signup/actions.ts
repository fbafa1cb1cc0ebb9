"use server";

import { createAccount } from "@/lib/auth/accounts";
import { signIn } from "@/lib/auth/next-auth";
import { currentContext } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import type { AuthFormState } from "../_components/auth-form-state";

export async function signUpWithPassword(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = {
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    name: String(formData.get("name") ?? ""),
  };
  let handle: string;
  try {
    handle = (await createAccount(await currentContext(), values)).handle;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { error: error.code, fields: error.details.map((d) => d.path), email: values.email, name: values.name };
  }
  await signIn("credentials", { email: values.email, password: values.password, redirectTo: `/u/${handle}` });
  return {};
}
