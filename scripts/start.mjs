// `npm start`: build when the sources changed since the last build, then run the bundled server in this process.
import { pathToFileURL } from "node:url";
import { buildIfStale, serverEntry } from "./build-if-stale.mjs";

process.env.NODE_ENV ??= "production";
buildIfStale();
await import(pathToFileURL(serverEntry).href);
