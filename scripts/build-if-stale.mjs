import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const sources = ["app", "lib", "db", "public", "server.ts", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const stampFile = path.join(".next", "mizan-source-stamp");

/**
 * server.ts and the lib/ code it imports, bundled into one plain ES module (packages stay in node_modules), so
 * production runs without a TypeScript loader: tsx's loader thread alone costs a running server about 34 MB.
 */
export const serverEntry = path.join(".next", "mizan-server.mjs");

function* files(entry) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (!stat.isDirectory()) {
    yield `${entry}:${stat.size}:${stat.mtimeMs}`;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

/** A fingerprint of everything the production build depends on. */
function sourceStamp() {
  const hash = createHash("sha256");
  for (const source of sources) for (const line of files(source)) hash.update(line + "\n");
  return hash.digest("hex");
}

/** Runs `next build` and bundles the server unless .next already holds a build of exactly these sources. */
export function buildIfStale() {
  const stamp = sourceStamp();
  const built = existsSync(path.join(".next", "BUILD_ID")) && existsSync(serverEntry) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
  if (built) return;
  console.log("Building Mizan for production (next build)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  buildSync({
    entryPoints: ["server.ts"],
    outfile: serverEntry,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  writeFileSync(stampFile, stamp);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
