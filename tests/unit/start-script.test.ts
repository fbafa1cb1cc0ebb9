import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "@/scripts/build-if-stale.mjs";

describe("npm start", () => {
  it("runs the server with the V8 flags that tests and benchmarks start it with", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(["node", ...serverNodeFlags, "scripts/start.mjs"].join(" "));
  });
});
