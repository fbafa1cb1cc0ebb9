"use server";

import { createAccount } from "@/lib/auth/accounts";
import { signIn } from "@/lib/auth/next-auth";
import { currentContext } from "@/lib/auth/session";
import { formStateOf } from "@/lib/errors";
import type { AuthFormState } from "@/app/_components/auth/auth-form-state";

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
    return { ...formStateOf(error), email: values.email, name: values.name };
  }
  await signIn("credentials", { email: values.email, password: values.password, redirectTo: `/u/${handle}` });
  return {};
}
