"use server";

import { revalidatePath } from "next/cache";
import { updateProfile } from "@/lib/auth/accounts";
import { endAllMemberSessions } from "@/lib/auth/member-sessions";
import { signOut } from "@/lib/auth/next-auth";
import { currentContext } from "@/lib/auth/session";
import { issueTokenToMember, revokeApiToken } from "@/lib/auth/tokens";
import { formStateOf } from "@/lib/errors";

export type ProfileFormState = { saved?: boolean; error?: string; fields?: string[] };

export async function saveProfile(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  try {
    await updateProfile(await currentContext(), { name: formData.get("name"), handle: formData.get("handle") });
  } catch (error) {
    const state = formStateOf(error);
    // The one conflict a profile can meet is a taken handle: the form marks it like any invalid field.
    return state.error === "conflict" ? { error: "validation_failed", fields: ["handle"] } : state;
  }
  revalidatePath("/", "layout");
  return { saved: true };
}

export type TokenFormState = { token?: string; error?: string };

export async function createToken(_previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  try {
    const { token } = await issueTokenToMember(await currentContext(), { label: formData.get("label") });
    revalidatePath("/settings");
    return { token };
  } catch (error) {
    return formStateOf(error);
  }
}

export async function revokeToken(formData: FormData): Promise<void> {
  await revokeApiToken(await currentContext(), { tokenId: formData.get("tokenId") });
  revalidatePath("/settings");
}

/** Ends every session of the member, this browser's included, then clears this browser's cookie. */
export async function signOutEverywhere(): Promise<void> {
  await endAllMemberSessions(await currentContext());
  await signOut({ redirectTo: "/" });
}
