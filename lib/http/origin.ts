/**
 * Whether a browser request comes from this site. Browsers always send Origin on cross-site socket and
 * POST requests, so a missing or "null" Origin on a cookie-authenticated write is refused.
 */
export function isSameOrigin(origin: string | undefined | null, host: string | undefined | null, publicUrl?: string): boolean {
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && parsed.origin === new URL(publicUrl).origin) return true;
  return !!host && parsed.host === host;
}
