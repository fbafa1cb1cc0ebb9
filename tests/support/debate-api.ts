import { eq, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { getDb } from "@/db/client";
import { scenarios, users } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { api, type ApiResponse } from "./http";
import { startApiServer, type ApiServer } from "./api-server";
import { countRows } from "./forum";

/**
 * The debate API's tests (tests/integration/api-*.test.ts) share one cast, made through the API itself in each
 * file's database: `setUpDebateApi()` starts a server and signs them up before the file's tests. The bindings below
 * are filled in by then (ES module exports are live, so a test reads the current value).
 */

// The session cookie is an Auth.js JWT sealed with AUTH_SECRET; set one so cookies can be minted.
export const authSecret = "api-debate-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = authSecret;

export const password = "correct horse battery";
export type Account = { id: string; handle: string; token: string; email: string };

export let server: ApiServer;
export let client: ReturnType<typeof api>;
export let postId: string;
export let alice: Account; // author
export let bob: Account; // voter, replier
export let carol: Account; // another member
export let boss: Account; // admin (MIZAN_ADMIN_EMAILS)
export let dave: Account; // moderator, made one by the admin
export let newbie: Account; // an account younger than a day
export let erin: Account; // suspended

let serial = 0;
export const unique = (what: string) => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

/** Signs up and takes a token, both through the API. */
async function signUp(name: string, email = `${name.toLowerCase()}${Math.random().toString(36).slice(2, 6)}@example.test`): Promise<Account> {
  const created = await client.post("/api/v1/accounts", { email, password, name });
  expect(created.status).toBe(201);
  expect(created.body.user).toEqual({ id: expect.any(String), handle: expect.any(String), name, role: email === "boss@example.test" ? "admin" : "member" });
  const issued = await client.post("/api/v1/tokens", { email, password, label: "tests" });
  expect(issued.status).toBe(201);
  expect(issued.body.user.id).toBe(created.body.user.id);
  return { id: created.body.user.id, handle: created.body.user.handle, token: issued.body.token, email };
}

/** Accounts made through the API are new; most tests want established members, free of new-account limits. */
async function age(account: Account) {
  await (await getDb()).update(users).set({ createdAt: new Date(Date.now() - 7 * 86_400_000) }).where(eq(users.id, account.id));
}

/** The contract's error shape, with the status that goes with its code, and nothing of the server's insides. */
export function expectError(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: { error: { code, message: expect.any(String), details: expect.any(Array) } },
  });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.text).not.toMatch(/\bat \S+\.(ts|js):\d+|Failed query|stack/i);
  for (const detail of response.body.error.details) expect(detail).toEqual({ path: expect.any(String), message: expect.any(String) });
}

/** A suspended member's write: 403 `suspended` naming when the suspension ends. */
export function expectSuspended(response: ApiResponse) {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 403,
    body: { error: { code: "suspended", message: expect.any(String), details: [], until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
  });
}

export async function scenarioRows(where: SQL | undefined = eq(scenarios.postId, postId)) {
  return countRows(scenarios, where);
}

export async function newScenario(author = alice, post = postId) {
  const response = await client.post(`/api/v1/posts/${post}/scenarios`, { title: unique("Scenario"), body: "Body of the scenario" }, { token: author.token });
  expect(response.status).toBe(201);
  return response.body.scenario as { id: string; postId: string; title: string };
}

/** Starts the API server over the seeded post and makes the cast, before the file's tests; closes it after. */
export function setUpDebateApi(): void {
  beforeAll(async () => {
    server = await startApiServer();
    client = api(server.url);
    const seed = await client.get(`/api/v1/posts/${seedSlug}`);
    expect(seed.status).toBe(200);
    postId = seed.body.post.id;
    [alice, bob, carol, boss, dave, erin] = [
      await signUp("Alice"),
      await signUp("Bob"),
      await signUp("Carol"),
      await signUp("Boss", "boss@example.test"),
      await signUp("Dave"),
      await signUp("Erin"),
    ];
    newbie = await signUp("Newbie");
    for (const account of [alice, bob, carol, boss, dave, erin]) await age(account);
    const promoted = await client.put(`/api/v1/admin/users/${dave.id}/role`, { role: "moderator" }, { token: boss.token });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user.role).toBe("moderator");
    await (await getDb()).update(users).set({ suspendedUntil: new Date(Date.now() + 86_400_000) }).where(eq(users.id, erin.id));
  });

  afterAll(async () => {
    await flushVoteTotals();
    await server?.close();
  });
}
