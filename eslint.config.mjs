import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const deepRelative = { group: ["../../*"], message: "Import through @/ instead of climbing directories." };

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-output/**", "next-env.d.ts", "db/migrations/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    rules: { "no-restricted-imports": ["error", { patterns: [deepRelative] }] },
  },
  {
    // The core (verbs, live, text, database) knows nothing of the web framework or the doors in front of it.
    // The listed files are the deliberate adapters between Auth.js / next-intl and the core.
    files: ["lib/**/*.ts", "db/**/*.ts"],
    ignores: ["lib/api/**", "lib/auth/next-auth.ts", "lib/auth/session.ts", "lib/auth/session-cookie.ts", "lib/i18n/request.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            deepRelative,
            { group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react/*", "react-dom", "react-dom/*"], message: "The core must not depend on Next.js or React." },
            { group: ["@/app/*", "@/lib/api/*"], message: "The core must not import the doors (app/, lib/api/)." },
          ],
        },
      ],
    },
  },
  {
    // Rules the browser shares with the server: plain data and functions, importing nothing at all, so a
    // composer can never pull server code into the bundle and the two sides cannot drift.
    files: ["lib/rules/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["*", "@/*", "node:*"], message: "lib/rules imports nothing: it is shared with the browser." }] }],
    },
  },
  {
    // The live events' table is read by the browser too: it may name server types, never import server code.
    files: ["lib/live/event-types.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["*", "@/*", "node:*"], allowTypeImports: true, message: "lib/live/event-types.ts imports types only: it is shared with the browser." }] },
      ],
    },
  },
  {
    // Tests read JSON answers whose shape is what they assert.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
