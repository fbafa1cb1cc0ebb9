"use server";

import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/next-auth";
import { isLocale, localeCookie } from "@/lib/i18n/locale";
import { memberHintCookie, ownRenderCookie } from "@/lib/rules/member-cookies";

/** Remembers the person's interface language for a year. Server actions already refuse cross-origin posts. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
  });
}

/** Signs out, and drops the shared render's hints with the session (lib/rules/member-cookies.ts). */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  jar.delete(memberHintCookie);
  jar.delete(ownRenderCookie);
  await signOut({ redirectTo: "/" });
}
