"use server";

import { revalidatePath } from "next/cache";
import type { ReviewDecision } from "@/db/schema";
import { currentContext } from "@/lib/auth/session";
import { formStateOf, type ErrorCode } from "@/lib/errors";
import { decideQueueItem } from "@/lib/moderation/review-queue";

export type DecideState = { decided?: ReviewDecision; error?: ErrorCode; message?: string };

/** The queue page's decision: the same verb as POST /api/v1/mod/queue/{type}/{id}/decide. */
export async function decideAction(_previous: DecideState, formData: FormData): Promise<DecideState> {
  const decision = String(formData.get("decision") ?? "") as ReviewDecision; // the verb checks it
  try {
    await decideQueueItem(await currentContext(), {
      targetType: formData.get("targetType"),
      targetId: formData.get("targetId"),
      decision,
      reason: formData.get("reason"),
      version: Number(formData.get("version")),
    });
  } catch (error) {
    // A conflict's message names who decided what, which is the point of showing it.
    return { error: formStateOf(error).error, message: (error as Error).message };
  }
  revalidatePath("/mod");
  return { decided: decision };
}
