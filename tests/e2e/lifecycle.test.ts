import { describe, expect, it } from "vitest";
import { runServer, startServer } from "../support/server";

describe("server lifecycle", () => {
  it("refuses a data directory another process holds, touching nothing", async () => {
    const first = await startServer({ databaseUrl: null });
    const second = runServer({ MIZAN_DATA_DIR: first.dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/is in use by process/);
    expect((await fetch(first.url + "/api/health")).status).toBe(200);
    expect(await first.stop()).toBe(0);
  });

  it("finishes in-flight requests on SIGTERM, exits 0, and reopens the same data directory", async () => {
    const first = await startServer({ databaseUrl: null });
    const inFlight = Array.from({ length: 20 }, () => fetch(first.url + "/p/russia-balance-diplomacy-escalation"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const code = first.stop("SIGTERM");
    const statuses = await Promise.allSettled(inFlight);
    expect(await code).toBe(0);
    expect(first.logs()).toContain("stopped cleanly");
    // Requests the server had accepted completed; none came back as an error page.
    for (const result of statuses) if (result.status === "fulfilled") expect(result.value.status).toBe(200);

    const again = await startServer({ databaseUrl: null, dataDir: first.dataDir });
    const { posts } = await (await fetch(again.url + "/api/v1/posts")).json();
    expect(posts).toHaveLength(1);
    expect(await again.stop("SIGINT")).toBe(0);
  });

  it("stops with one clear line when the database cannot be reached", async () => {
    const run = runServer({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(/Mizan could not start/);
  });

  it("stops with one line naming a bad variable", async () => {
    const run = runServer({ PORT: "eighty" });
    expect(await run.exited).not.toBe(0);
    expect(run.output().trim()).toMatch(/^Invalid environment variable PORT: /);
  });
});
