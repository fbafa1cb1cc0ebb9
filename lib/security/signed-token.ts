import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Tokens that carry their own authority (links in email): a payload and its HMAC, under a key derived from
 * AUTH_SECRET (set at startup, generated when not configured) and the token's purpose, so a token made for one
 * use is worthless for another.
 */
function signingKey(purpose: string): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error(`AUTH_SECRET is not set: ${purpose} links cannot be signed.`);
  return createHmac("sha256", secret).update(`mizan:${purpose}`).digest();
}

const sign = (purpose: string, payload: string) => createHmac("sha256", signingKey(purpose)).update(payload).digest("base64url");

/** `payload` (any text) signed for `purpose`, as one URL-safe token. */
export function signToken(purpose: string, payload: string): string {
  const encoded = Buffer.from(payload).toString("base64url");
  return `${encoded}.${sign(purpose, encoded)}`;
}

/** The payload of a token signed for `purpose`, or null when it is malformed or its signature does not match. */
export function readSignedToken(purpose: string, token: string): string | null {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(purpose, encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(encoded, "base64url").toString("utf8");
}
