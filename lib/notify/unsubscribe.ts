import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ValidationFailed } from "@/lib/errors";
import { readSignedToken, signToken } from "@/lib/security/signed-token";
import { parseInput } from "@/lib/validation";

const emailKinds = ["replies", "digest"] as const;
export type EmailKind = (typeof emailKinds)[number];

/** A token for one member and one kind of email: whoever holds it may turn that email off, nothing else. */
export function unsubscribeToken(userId: string, kind: EmailKind): string {
  return signToken("unsubscribe", `${userId}:${kind}`);
}

function readToken(token: string): { userId: string; kind: EmailKind } | null {
  const [userId, kind] = (readSignedToken("unsubscribe", token) ?? "").split(":");
  const parsedKind = z.enum(emailKinds).safeParse(kind);
  return userId && parsedKind.success ? { userId, kind: parsedKind.data } : null;
}

export const UnsubscribeInput = z.object({ token: z.string().min(1).max(300) });

/**
 * Turns off the email a signed link names (RFC 8058 one-click, or the link in the message). The signature is the
 * authority: no session needed. Idempotent. → which email was turned off.
 */
export async function unsubscribe(input: { token?: unknown }): Promise<{ unsubscribed: EmailKind }> {
  const { token } = parseInput(UnsubscribeInput, input);
  const read = readToken(token);
  if (!read) throw new ValidationFailed("This unsubscribe link is not valid.", [{ path: "token", message: "is not a valid signed link" }]);
  const change = read.kind === "replies" ? { emailReplies: false } : { emailDigest: false };
  await (await getDb()).update(users).set(change).where(eq(users.id, read.userId));
  return { unsubscribed: read.kind };
}
