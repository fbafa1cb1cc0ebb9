import createNextIntlPlugin from "next-intl/plugin";
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { register } from "tsx/esm/api";

/**
 * Parses the environment with the same zod schema server.ts uses, so a bad value stops a build at once. Not in
 * the production server, which has parsed it already (and would keep tsx's loader thread for nothing).
 */
async function checkEnvironment() {
  const unregister = register();
  const { parseEnv } = await import("./lib/env.ts");
  parseEnv();
  await unregister();
}

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and benchmarks too) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native and WASM drivers are loaded from node_modules at run time, never bundled; so is the thread pool, which
  // finds its own worker file beside itself.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "pino", "ioredis", "piscina"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default async function config(phase) {
  if (phase !== PHASE_PRODUCTION_SERVER) await checkEnvironment();
  return withNextIntl(nextConfig);
}
