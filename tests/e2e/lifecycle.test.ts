import { describe, expect, it } from "vitest";
import { findCounterMismatches } from "../../bench/support/recount";
import { openDatabase } from "@/db/client";
import { api } from "../support/http";
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

  it("takes SIGTERM in the middle of writes: each committed whole or not at all, and the next start needs no repair", async () => {
    const first = await startServer({ databaseUrl: null, env: { MIZAN_RATE_LIMITS: "off" } });
    const client = api(first.url + "/api/v1");
    const password = "a long enough password";
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      await client.post("/accounts", { email: `m${i}@example.test`, password, name: `M${i}` });
      tokens.push((await client.post("/tokens", { email: `m${i}@example.test`, password })).body.token);
    }
    const postId = (await client.get("/posts/russia-balance-diplomacy-escalation")).body.post.id;
    const scenario = (await client.post(`/posts/${postId}/scenarios`, { title: "Under fire", body: "Votes while stopping" }, { token: tokens[0] })).body.scenario;
    const writes = Array.from({ length: 200 }, (_, i) =>
      client.put(`/scenarios/${scenario.id}/vote`, { value: i % 3 === 0 ? -1 : 1 }, { token: tokens[1 + (i % 5)] }).catch(() => null),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await first.stop("SIGTERM")).toBe(0);
    await Promise.all(writes);

    const again = await startServer({ databaseUrl: null, dataDir: first.dataDir });
    expect((await fetch(again.url + "/api/health")).status).toBe(200);
    expect(await again.stop()).toBe(0);
    const database = await openDatabase({ dataDir: first.dataDir });
    expect(await findCounterMismatches(database.db)).toEqual([]);
    await database.close();
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
