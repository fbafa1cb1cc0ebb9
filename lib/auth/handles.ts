/** Handles are 3–30 characters of a–z, 0–9 and underscore, compared case-insensitively. */
export const handlePattern = /^[A-Za-z0-9_]{3,30}$/;

/** A handle derived from an email's local part: "Ada.Lovelace+x@…" → "ada_lovelace". */
export function deriveHandle(email: string): string {
  const local = email.split("@")[0] ?? "";
  const base = local
    .split("+")[0]!
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 24);
  return base.length >= 3 ? base : `${base || "member"}_${Math.floor(Math.random() * 900 + 100)}`;
}

/** The n-th alternative when a handle is taken: ada, ada2, ada3… (kept within 30 characters). */
export function alternativeHandle(handle: string, attempt: number): string {
  const suffix = String(attempt + 1);
  return handle.slice(0, 30 - suffix.length) + suffix;
}
