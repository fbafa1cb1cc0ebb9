// `npm start`: build when the sources changed since the last build, then run server.ts in this process.
import { register } from "tsx/esm/api";
import { buildIfStale } from "./build-if-stale.mjs";

process.env.NODE_ENV ??= "production";
buildIfStale();
register();
await import("../server.ts");
