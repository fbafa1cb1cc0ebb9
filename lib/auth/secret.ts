import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/**
 * Auth.js needs AUTH_SECRET. With none configured, one is generated once and kept in the data directory,
 * so a bare `npm start` works and sessions survive restarts. Several nodes must share an explicit AUTH_SECRET.
 */
export function ensureAuthSecret(config: Env): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.join(config.MIZAN_DATA_DIR, "auth-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.MIZAN_DATA_DIR, { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.AUTH_SECRET = secret;
  return secret;
}
