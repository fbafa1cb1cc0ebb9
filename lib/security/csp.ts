import { randomBytes } from "node:crypto";

/**
 * A strict Content-Security-Policy for pages: scripts only from this origin or carrying this response's nonce
 * (Next.js reads the nonce from the request's CSP header and puts it on its own scripts), no plugins, no
 * framing, forms and the base URL pinned to this origin. Inline style attributes stay allowed: user content
 * never carries them (the Markdown sanitiser strips them) and small visual islands position things with them.
 */
export function contentSecurityPolicy(nonce: string, isDev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The nonce of a policy made by contentSecurityPolicy (pages read it from the request's header), or undefined. */
export function nonceOf(policy: string | null): string | undefined {
  return policy ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined;
}
