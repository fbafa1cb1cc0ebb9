import { buildIfStale } from "@/scripts/build-if-stale.mjs";
import { chromiumPath, hasBrowser } from "./support/browser";

/** Builds the production bundle once for every end-to-end file, and says loudly when Chromium is missing. */
export default function setup(): void {
  buildIfStale();
  if (hasBrowser) return;
  const message = `!!! Chromium not found at ${chromiumPath}: browser tests cannot run. Install it with: apt-get install -y chromium`;
  if (process.env.MIZAN_E2E === "required") throw new Error(message);
  console.warn(`\n${message} (skipping only the browser suite)\n`);
}
