// The render pool's thread entry when the server runs from source (tsx, vitest, scripts): the TypeScript worker
// through tsx's loader. A production build runs .next/mizan-render-worker.mjs instead (scripts/build-if-stale.mjs).
import { register } from "tsx/esm/api";

register();
const { default: render } = await import("./render-worker.ts");
export default render;
