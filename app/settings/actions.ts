"use server";

import { revalidatePath } from "next/cache";
import { updateProfile } from "@/lib/auth/accounts";
import { currentContext } from "@/lib/auth/session";
import { issueTokenToMember, revokeApiToken } from "@/lib/auth/tokens";
import { DomainError } from "@/lib/errors";
import { updateNotificationPreferences } from "@/lib/notify/preferences";

export type ProfileFormState = { saved?: boolean; error?: string; fields?: string[] };

export async function saveProfile(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  try {
    await updateProfile(await currentContext(), { name: formData.get("name"), handle: formData.get("handle") });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = error.code === "conflict" ? ["handle"] : error.details.map((d) => d.path);
    return { error: error.code === "conflict" ? "validation_failed" : error.code, fields };
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
    if (error instanceof DomainError) return { error: error.code };
    throw error;
  }
}

export async function revokeToken(formData: FormData): Promise<void> {
  await revokeApiToken(await currentContext(), { tokenId: formData.get("tokenId") });
  revalidatePath("/settings");
}

export type PreferencesFormState = { saved?: boolean; error?: string };

export async function savePreferences(_previous: PreferencesFormState, formData: FormData): Promise<PreferencesFormState> {
  try {
    await updateNotificationPreferences(await currentContext(), { autoFollow: formData.get("autoFollow") === "on" });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code };
    throw error;
  }
  revalidatePath("/settings");
  return { saved: true };
}
