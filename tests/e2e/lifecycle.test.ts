import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCounterMismatches } from "@/bench/support/recount";
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

  it("restarts after SIGKILL on the same data directory while the dead server is an unreaped zombie, and while a stale lock names a live process", async () => {
    const first = await startServer({ databaseUrl: null, unreaped: true, env: { MIZAN_RATE_LIMITS: "off" } });
    const client = api(first.url + "/api/v1");
    expect((await client.post("/accounts", { email: "z@example.test", password: "a long enough password", name: "Z" })).status).toBe(201);
    expect(await first.stop("SIGKILL")).toBeNull();
    expect(readFileSync(`/proc/${first.pid}/stat`, "utf8")).toMatch(/\) Z /);

    const second = await startServer({ databaseUrl: null, dataDir: first.dataDir });
    const signIn = { email: "z@example.test", password: "a long enough password" };
    expect((await api(second.url + "/api/v1").post("/tokens", signIn)).status).toBe(201);
    expect(await second.stop("SIGKILL")).not.toBe(0);
    await first.reap();
    // The pid a dead owner had, now someone else's (as after a container restart): here, this test's own.
    writeFileSync(path.join(first.dataDir, "mizan.lock"), String(process.pid));

    const third = await startServer({ databaseUrl: null, dataDir: first.dataDir });
    expect((await api(third.url + "/api/v1").post("/tokens", signIn)).status).toBe(201);
    const rival = runServer({ MIZAN_DATA_DIR: first.dataDir });
    expect(await rival.exited).not.toBe(0);
    expect(rival.output()).toContain(`is in use by process ${third.pid}.`);
    expect(await third.stop()).toBe(0);
  });

  it("finishes in-flight requests on SIGTERM, exits 0, and reopens the same data directory", async () => {
    // Every request renders: none is answered from the anonymous-page cache before the signal.
    const first = await startServer({ databaseUrl: null, env: { MIZAN_PAGE_CACHE_MS: "0" } });
    const pageUrl = first.url + "/p/russia-balance-diplomacy-escalation";
    // Twenty open keep-alive connections the server has accepted (a request answered on each), then a request
    // on each, all written before the signal.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const warmed = await Promise.all(Array.from({ length: 20 }, () => sendGet(pageUrl, agent).response));
    expect(warmed.map((response) => response.status)).toEqual(Array(20).fill(200));
    const inFlight = Array.from({ length: 20 }, () => sendGet(pageUrl, agent));
    await Promise.all(inFlight.map((request) => request.sent));
    expect(new Set(inFlight.map((request) => request.socket)).size).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const code = first.stop("SIGTERM");
    const responses = await Promise.all(inFlight.map((request) => request.response));
    agent.destroy();
    expect(await code).toBe(0);
    expect(first.logs()).toContain("stopped cleanly");
    // Each request the server had accepted was answered whole: none dropped, none an error page.
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toContain("</html>");
    }

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

/** A GET through `agent`: `sent` once the request is written, `response` with the whole answer (a dropped connection rejects). */
function sendGet(url: string, agent: http.Agent) {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const request = http.get(url, { agent });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    request.on("error", reject);
    request.on("finish", markSent);
  });
  return {
    sent,
    response,
    get socket() {
      return request.socket;
    },
  };
}
