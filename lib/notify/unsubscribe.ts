import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ValidationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const emailKinds = ["replies", "digest"] as const;
export type EmailKind = (typeof emailKinds)[number];

/** A key of its own, derived from AUTH_SECRET (set at startup, generated when not configured). */
function signingKey(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed.");
  return createHmac("sha256", secret).update("mizan:unsubscribe").digest();
}

const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

/** A token for one member and one kind of email: whoever holds it may turn that email off, nothing else. */
export function unsubscribeToken(userId: string, kind: EmailKind): string {
  const payload = Buffer.from(`${userId}:${kind}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

function readToken(token: string): { userId: string; kind: EmailKind } | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, kind] = Buffer.from(payload, "base64url").toString("utf8").split(":");
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
