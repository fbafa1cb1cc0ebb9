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

/** The Markdown render thread's entry, bundled the same way (lib/text/render.ts runs it under NODE_ENV=production). */
const renderWorkerEntry = path.join(".next", "mizan-render-worker.mjs");

/**
 * V8 flags the server runs with (package.json's start script passes the same; a unit test holds them equal).
 * Semi-spaces of 8 MB instead of 16 keep the young generation's garbage from swelling the resident set: with
 * 5,000 readers connected, about 220 MB instead of 250, for about a tenth more CPU per broadcast and no cost
 * measurable in broadcast latency (`npm run bench:fanout`).
 */
export const serverNodeFlags = ["--max-semi-space-size=8"];

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
  for (const [entry, outfile] of [["server.ts", serverEntry], ["lib/text/render-worker.ts", renderWorkerEntry]]) bundle(entry, outfile);
  writeFileSync(stampFile, stamp);
}

/** One entry and the lib/ code it imports as a plain ES module; packages stay in node_modules. */
function bundle(entry, outfile) {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
