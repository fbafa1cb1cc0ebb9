import { and, eq, type SQL } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { drafts, replies, scenarios, users, votes } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { startMemberSession } from "@/lib/auth/member-sessions";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { api, type ApiResponse } from "../support/http";
import { rawRequest, startApiServer, type ApiServer } from "../support/api-server";
import { addPost, countRows, setPost, staggered } from "../support/forum";
import { voteCounterDrift } from "../support/recount";

// The session cookie is an Auth.js JWT sealed with AUTH_SECRET; set one for this file so cookies can be minted.
const authSecret = "api-debate-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = authSecret;

const password = "correct horse battery";
type Account = { id: string; handle: string; token: string; email: string };

let server: ApiServer;
let client: ReturnType<typeof api>;
let postId: string;
let alice: Account; // author
let bob: Account; // voter, replier
let carol: Account; // another member
let boss: Account; // admin (MIZAN_ADMIN_EMAILS)
let dave: Account; // moderator, made one by the admin
let newbie: Account; // an account younger than a day
let erin: Account; // suspended

let serial = 0;
const unique = (what: string) => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

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
function expectError(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: { error: { code, message: expect.any(String), details: expect.any(Array) } },
  });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.text).not.toMatch(/\bat \S+\.(ts|js):\d+|Failed query|stack/i);
  for (const detail of response.body.error.details) expect(detail).toEqual({ path: expect.any(String), message: expect.any(String) });
}

/** A suspended member's write: 403 `suspended` naming when the suspension ends. */
function expectSuspended(response: ApiResponse) {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 403,
    body: { error: { code: "suspended", message: expect.any(String), details: [], until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
  });
}

async function scenarioRows(where: SQL | undefined = eq(scenarios.postId, postId)) {
  return countRows(scenarios, where);
}

async function newScenario(author = alice, post = postId) {
  const response = await client.post(`/api/v1/posts/${post}/scenarios`, { title: unique("Scenario"), body: "Body of the scenario" }, { token: author.token });
  expect(response.status).toBe(201);
  return response.body.scenario as { id: string; postId: string; title: string };
}

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

describe("accounts and tokens", () => {
  it("answers /me for a token holder, 401 for a bad or revoked token, 409 for a taken email", async () => {
    const me = await client.get("/api/v1/me", { token: alice.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: alice.id, role: "member" });
    expectError(await client.get("/api/v1/me", { token: "mzn_" + "x".repeat(43) }), 401, "unauthenticated");
    expectError(await client.get("/api/v1/me", { headers: { authorization: "Basic abc" } }), 401, "unauthenticated");
    expectError(await client.post("/api/v1/accounts", { email: alice.email.toUpperCase(), password, name: "Again" }), 409, "conflict");
    expectError(await client.post("/api/v1/tokens", { email: alice.email, password: "wrong password" }), 401, "unauthenticated");

    const spare = await client.post("/api/v1/tokens", { email: carol.email, password }).then((r) => r.body.token as string);
    const revoked = await client.delete("/api/v1/tokens/current", { token: spare });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe("");
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Revoked"), body: "x" }, { token: spare }), 401, "unauthenticated");
  });
});

describe("scenarios over HTTP", () => {
  it("creates with 201 {scenario}, reads it back, and lists it", async () => {
    const before = await scenarioRows();
    const created = await client.post(`/api/v1/posts/${postId}/scenarios`, { title: "  سيناريو عبر الواجهة  ", body: "Text with <script>x()</script> **bold**", x: 10 }, { token: alice.token });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
    const scenario = created.body.scenario;
    expect(scenario).toMatchObject({
      postId,
      title: "سيناريو عبر الواجهة",
      body: "Text with <script>x()</script> **bold**",
      author: { id: alice.id, handle: alice.handle, name: "Alice" },
      x: 10,
      y: 50,
      score: 0,
      up: 0,
      down: 0,
      replyCount: 0,
      community: null,
      myVote: 0,
      status: "visible",
      pinned: false,
      editedAt: null,
    });
    expect(scenario.html).not.toMatch(/<script/);
    expect(await scenarioRows()).toBe(before + 1);

    const anonymousRead = await client.get(`/api/v1/scenarios/${scenario.id}`);
    expect(anonymousRead.status).toBe(200);
    expect(anonymousRead.body.scenario).toEqual(Object.fromEntries(Object.entries(scenario).filter(([k]) => k !== "myVote")));
    const listed = await client.get(`/api/v1/posts/${postId}/scenarios?sort=new&limit=1`);
    expect(listed.status).toBe(200);
    expect(listed.body.scenarios.map((s: { id: string }) => s.id)).toEqual([scenario.id]);
  });

  it("pages lists with nextCursor until it is null, each scenario once", async () => {
    for (let i = 0; i < 3; i++) await newScenario(carol);
    const total = await scenarioRows(and(eq(scenarios.postId, postId), eq(scenarios.status, "visible")));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `sort=top&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page: ApiResponse = await client.get(`/api/v1/posts/${postId}/scenarios?${query}`);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(["nextCursor", "scenarios"]);
      seen.push(...page.body.scenarios.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 2));
  });

  it.each([
    ["sort=random"],
    ["limit=0"],
    ["limit=201"],
    ["limit=ten"],
    ["cursor=not-a-cursor"],
    [`cursor=${Buffer.from("[-5]").toString("base64url")}`],
  ])("answers 400 for ?%s", async (query) => {
    expectError(await client.get(`/api/v1/posts/${postId}/scenarios?${query}`), 400, "validation_failed");
  });

  it("refuses anonymous writers with 401, suspended members with 403, locked posts with 423, storing nothing", async () => {
    const locked = await addPost();
    await setPost(locked.id, { isLocked: true });
    const before = await countRows(scenarios);
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Anon"), body: "x" }), 401, "unauthenticated");
    expectSuspended(await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Erin"), body: "x" }, { token: erin.token }));
    expectError(await client.post(`/api/v1/posts/${locked.id}/scenarios`, { title: unique("Late"), body: "x" }, { token: alice.token }), 423, "locked");
    expect(await countRows(scenarios)).toBe(before);
  });

  it("answers a repeated text with 409", async () => {
    const body = { title: unique("Repeat"), body: "Said once" };
    expect((await client.post(`/api/v1/posts/${postId}/scenarios`, body, { token: alice.token })).status).toBe(201);
    const before = await scenarioRows();
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, { ...body, body: "  Said   once " }, { token: alice.token }), 409, "conflict");
    expect(await scenarioRows()).toBe(before);
  });

  it("returns the first result again for a repeated Idempotency-Key, even when the requests race", async () => {
    const key = `idem-${unique("k").replace(/\s/g, "-")}`;
    const headers = { "idempotency-key": key };
    const first = await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Idem"), body: "Once only" }, { token: bob.token, headers });
    expect(first.status).toBe(201);
    const before = await scenarioRows();
    const retry = await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Other"), body: "Different" }, { token: bob.token, headers });
    expect(retry.status).toBeLessThan(300);
    expect(retry.body).toEqual(first.body);
    expect(await scenarioRows()).toBe(before);

    // Retries spread over the first request's lifetime, as a flaky network would send them.
    for (let round = 0; round < 3; round++) {
      const raceKey = { "idempotency-key": `${key}-race-${round}` };
      const rowsBefore = await scenarioRows();
      const raced = await staggered(20, () =>
        client.post(`/api/v1/posts/${postId}/scenarios`, { title: `Raced over HTTP ${round}`, body: "Raced" }, { token: carol.token, headers: raceKey }),
      );
      const answers = raced.map((r) => (typeof r === "string" ? r : `${r.status} ${r.body.scenario?.id ?? r.body.error?.code}`));
      expect(new Set(answers), `round ${round}`).toEqual(new Set([answers[0]]));
      expect(answers[0]).toMatch(/^201 /);
      expect(await scenarioRows()).toBe(rowsBefore + 1);
    }
  });

  it("answers 429 with Retry-After once a new account has proposed three scenarios; a refused duplicate costs none", async () => {
    const first = { title: unique("Newbie"), body: "Idea 0" };
    expect((await client.post(`/api/v1/posts/${postId}/scenarios`, first, { token: newbie.token })).status).toBe(201);
    // The point is spent before the transaction and given back when it rolls back.
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, first, { token: newbie.token }), 409, "conflict");
    for (let i = 1; i < 3; i++) {
      expect((await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Newbie"), body: `Idea ${i}` }, { token: newbie.token })).status).toBe(201);
    }
    const before = await scenarioRows();
    const limited = await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Newbie"), body: "Idea 4" }, { token: newbie.token });
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number.isInteger(Number(limited.headers.get("retry-after")))).toBe(true);
    expect(await scenarioRows()).toBe(before);
  });

  it("edits with PATCH for the author and moderators, 403 for others, keeping revisions", async () => {
    const scenario = await newScenario(alice);
    const edited = await client.patch(`/api/v1/scenarios/${scenario.id}`, { body: "Edited by the author", y: 75 }, { token: alice.token });
    expect(edited.status).toBe(200);
    expect(edited.body.scenario).toMatchObject({ id: scenario.id, body: "Edited by the author", y: 75, editedAt: expect.any(String) });
    expectError(await client.patch(`/api/v1/scenarios/${scenario.id}`, { body: "Hijack" }, { token: bob.token }), 403, "forbidden");
    expectError(await client.patch(`/api/v1/scenarios/${scenario.id}`, { body: "Hijack" }), 401, "unauthenticated");
    expect((await client.patch(`/api/v1/scenarios/${scenario.id}`, { title: "Moderated title" }, { token: dave.token })).status).toBe(200);
    expectError(await client.patch(`/api/v1/scenarios/${scenario.id}`, {}, { token: alice.token }), 400, "validation_failed");
    const revisions = await client.get(`/api/v1/scenarios/${scenario.id}/revisions`);
    expect(revisions.status).toBe(200);
    expect(revisions.body.revisions.map((r: { body: string; editor: { id: string } }) => [r.body, r.editor.id])).toEqual([
      ["Edited by the author", dave.id],
      ["Body of the scenario", alice.id],
    ]);
  });

  it.each<[string, unknown]>([
    ["a 2-character title", { title: "ab", body: "x" }],
    ["a 201-character title", { title: "t".repeat(201), body: "x" }],
    ["an empty body", { title: "A fine title", body: "" }],
    ["a whitespace-only body", { title: "A fine title", body: " \n " }],
    ["a 20,001-character body", { title: "A fine title", body: "b".repeat(20_001) }],
    ["x as a string", { title: "A fine title", body: "x", x: "50" }],
    ["x = 1.5", { title: "A fine title", body: "x", x: 1.5 }],
    ["x = -1", { title: "A fine title", body: "x", x: -1 }],
    ["y = 101", { title: "A fine title", body: "x", y: 101 }],
    ["a title that is a number", { title: 12345, body: "x" }],
    ["a body that is an object", { title: "A fine title", body: { text: "x" } }],
    ["a JSON array", [{ title: "A fine title", body: "x" }]],
    ["JSON null", null],
    ["a JSON string", "just a string"],
    ["an empty object", {}],
  ])("answers 400 for %s and stores nothing", async (_label, payload) => {
    const before = await countRows(scenarios);
    const response = await client.post(`/api/v1/posts/${postId}/scenarios`, JSON.stringify(payload), { token: alice.token });
    expectError(response, 400, "validation_failed");
    expect(await countRows(scenarios)).toBe(before);
  });
});

describe("bodies the API must refuse", () => {
  const path = () => `/api/v1/posts/${postId}/scenarios`;
  const json = (token: string) => ({ "content-type": "application/json", authorization: `Bearer ${token}` });

  it.each<[string, () => Buffer | string, Record<string, string> | undefined]>([
    ["malformed JSON", () => '{"title": "Broken", "body": ', undefined],
    ["trailing garbage", () => '{"title": "Broken JSON", "body": "x"} extra', undefined],
    ["an empty body", () => "", undefined],
    ["a NUL as a JSON escape", () => '{"title": "Nul \\u0000 inside", "body": "x"}', undefined],
    ["a lone surrogate as a JSON escape", () => '{"title": "Lone \\ud800 surrogate", "body": "x"}', undefined],
    ["a lone low surrogate as a JSON escape", () => '{"title": "A fine title", "body": "\\udfff"}', undefined],
    ["a raw NUL byte", () => Buffer.concat([Buffer.from('{"title": "Raw '), Buffer.from([0]), Buffer.from(' byte", "body": "x"}')]), undefined],
    ["invalid UTF-8", () => Buffer.concat([Buffer.from('{"title": "Bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes", "body": "x"}')]), undefined],
    ["a surrogate encoded in UTF-8", () => Buffer.concat([Buffer.from('{"title": "CESU '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' title", "body": "x"}')]), undefined],
    ["text/plain", () => '{"title": "Plain text title", "body": "x"}', { "content-type": "text/plain" }],
    ["form encoding", () => "title=Form+title&body=x", { "content-type": "application/x-www-form-urlencoded" }],
    ["no content-type", () => '{"title": "No type title", "body": "x"}', { "content-type": "" }],
  ])("answers %s with 400, storing nothing", async (_label, body, headers) => {
    const before = await countRows(scenarios);
    const merged: Record<string, string> = { ...json(alice.token), ...headers };
    if (merged["content-type"] === "") delete merged["content-type"];
    const response = await rawRequest(server.url, "POST", path(), { headers: merged, body: body() });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: "validation_failed", message: expect.any(String), details: expect.any(Array) } });
    expect(await countRows(scenarios)).toBe(before);
  });

  it("answers a body over 64 KiB with 413, announced by length or streamed in chunks", async () => {
    const before = await countRows(scenarios);
    const big = JSON.stringify({ title: "Too big", body: "b".repeat(65 * 1024) });
    for (const chunked of [false, true]) {
      const response = await rawRequest(server.url, "POST", path(), { headers: json(alice.token), body: big, chunked });
      expect(response.status).toBe(413);
      expect(response.json).toEqual({ error: { code: "payload_too_large", message: expect.any(String), details: [] } });
    }
    // Just under the limit is read (and then refused by the body's own limit, not the transport's).
    const fits = JSON.stringify({ title: "Fits", body: "b".repeat(60 * 1024) });
    expect((await rawRequest(server.url, "POST", path(), { headers: json(alice.token), body: fits })).status).toBe(400);
    expect(await countRows(scenarios)).toBe(before);
  });
});

describe("votes over HTTP", () => {
  it("answers PUT /vote with exactly {score, up, down, myVote}, idempotently, 0 retracting", async () => {
    const scenario = await newScenario(alice);
    const vote = (account: Account, value: unknown) => client.put(`/api/v1/scenarios/${scenario.id}/vote`, { value }, { token: account.token });
    const up = await vote(bob, 1);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ score: 1, up: 1, down: 0, myVote: 1 });
    expect((await vote(bob, 1)).body).toEqual({ score: 1, up: 1, down: 0, myVote: 1 });
    expect((await vote(carol, -1)).body).toEqual({ score: 0, up: 1, down: 1, myVote: -1 });
    expect((await vote(bob, 0)).body).toEqual({ score: -1, up: 0, down: 1, myVote: 0 });
    expect((await client.get(`/api/v1/scenarios/${scenario.id}`, { token: carol.token })).body.scenario).toMatchObject({ score: -1, up: 0, down: 1, myVote: -1 });
    expect(await voteCounterDrift([scenario.id])).toEqual([]);
  });

  it("refuses bad values with 400, one's own scenario with 403, anonymous with 401, unknown and hidden with 404, locked with 423", async () => {
    const scenario = await newScenario(alice);
    const url = `/api/v1/scenarios/${scenario.id}/vote`;
    for (const value of ["1", 2, -2, true, null, 0.5]) expectError(await client.put(url, { value }, { token: bob.token }), 400, "validation_failed");
    expectError(await client.put(url, {}, { token: bob.token }), 400, "validation_failed");
    expectError(await client.put(url, { value: 1 }, { token: alice.token }), 403, "forbidden");
    expectError(await client.put(url, { value: 1 }), 401, "unauthenticated");
    expectSuspended(await client.put(url, { value: 1 }, { token: erin.token }));
    expectError(await client.put("/api/v1/scenarios/no-such-scenario/vote", { value: 1 }, { token: bob.token }), 404, "not_found");
    expect(await countRows(votes, eq(votes.scenarioId, scenario.id))).toBe(0);

    const hidden = await newScenario(alice);
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, hidden.id));
    expectError(await client.put(`/api/v1/scenarios/${hidden.id}/vote`, { value: 1 }, { token: bob.token }), 404, "not_found");
    expectError(await client.get(`/api/v1/scenarios/${hidden.id}`), 404, "not_found");
    expect((await client.get(`/api/v1/scenarios/${hidden.id}`, { token: dave.token })).body.scenario.status).toBe("hidden");

    const closed = await addPost();
    const onClosed = await newScenario(alice, closed.id);
    await setPost(closed.id, { isLocked: true });
    expectError(await client.put(`/api/v1/scenarios/${onClosed.id}/vote`, { value: 1 }, { token: bob.token }), 423, "locked");
  });

  it("keeps totals equal to a recount when many votes arrive at once", async () => {
    const targets = [await newScenario(alice), await newScenario(alice)];
    const voters = [bob, carol, dave, boss];
    const values = [1, -1, 0, 1, -1, 1];
    await Promise.all(voters.flatMap((v) => targets.flatMap((t) => values.map((value) => client.put(`/api/v1/scenarios/${t.id}/vote`, { value }, { token: v.token })))));
    expect(await voteCounterDrift(targets.map((t) => t.id))).toEqual([]);
  });
});

describe("replies over HTTP", () => {
  it("creates root and nested replies with 201 {reply}, lists them in thread order, pages with nextCursor", async () => {
    const scenario = await newScenario(alice);
    const url = `/api/v1/scenarios/${scenario.id}/replies`;
    const root = await client.post(url, { body: "Root reply", stance: "supports" }, { token: bob.token });
    expect(root.status).toBe(201);
    expect(root.body.reply).toMatchObject({ scenarioId: scenario.id, parentId: null, depth: 0, body: "Root reply", stance: "supports", status: "visible", editedAt: null, author: { id: bob.id } });
    const second = await client.post(url, { body: "Second root" }, { token: carol.token });
    const child = await client.post(url, { body: "Child reply", parentId: root.body.reply.id, stance: "question" }, { token: carol.token });
    expect(child.status).toBe(201);
    expect(child.body.reply).toMatchObject({ parentId: root.body.reply.id, depth: 1, stance: "question" });
    expect(second.body.reply.stance).toBe("neutral");

    const all = await client.get(url);
    expect(all.status).toBe(200);
    expect(all.body.replies.map((r: { body: string }) => r.body)).toEqual(["Root reply", "Child reply", "Second root"]);
    expect(all.body.nextCursor).toBeNull();
    const first = await client.get(`${url}?limit=2`);
    expect(first.body.replies).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await client.get(`${url}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body.replies.map((r: { body: string }) => r.body)).toEqual(["Second root"]);
    expect(rest.body.nextCursor).toBeNull();
    expect((await client.get(`/api/v1/scenarios/${scenario.id}`)).body.scenario.replyCount).toBe(3);
  });

  it("answers 400 for a parent under another scenario or bad input, 409 for a repeat, 423 on a locked post, storing nothing", async () => {
    const [one, two] = [await newScenario(alice), await newScenario(alice)];
    const elsewhere = await client.post(`/api/v1/scenarios/${two.id}/replies`, { body: "Under two" }, { token: bob.token });
    const url = `/api/v1/scenarios/${one.id}/replies`;
    const before = await countRows(replies);
    expectError(await client.post(url, { body: "Wrong parent", parentId: elsewhere.body.reply.id }, { token: bob.token }), 400, "validation_failed");
    for (const payload of [{ body: "" }, { body: "   " }, { body: "r".repeat(10_001) }, { body: "ok", stance: "agrees" }, { body: 5 }, { body: "ok", parentId: 7 }]) {
      expectError(await client.post(url, payload, { token: bob.token }), 400, "validation_failed");
    }
    expectError(await client.post(url, { body: "Anonymous" }), 401, "unauthenticated");
    expect(await countRows(replies)).toBe(before);

    expect((await client.post(url, { body: "Only once" }, { token: bob.token })).status).toBe(201);
    expectError(await client.post(url, { body: "Only once" }, { token: bob.token }), 409, "conflict");

    const closed = await addPost();
    const onClosed = await newScenario(alice, closed.id);
    await setPost(closed.id, { isLocked: true });
    expectError(await client.post(`/api/v1/scenarios/${onClosed.id}/replies`, { body: "Too late" }, { token: bob.token }), 423, "locked");
  });

  it("honours Idempotency-Key and edits with PATCH /replies/{id}", async () => {
    const scenario = await newScenario(alice);
    const url = `/api/v1/scenarios/${scenario.id}/replies`;
    const headers = { "idempotency-key": `reply-${Date.now()}` };
    const first = await client.post(url, { body: "Idempotent reply" }, { token: carol.token, headers });
    const again = await client.post(url, { body: "Something else" }, { token: carol.token, headers });
    expect(again.body).toEqual(first.body);
    expect(await countRows(replies, eq(replies.scenarioId, scenario.id))).toBe(1);

    const replyUrl = `/api/v1/replies/${first.body.reply.id}`;
    const edited = await client.patch(replyUrl, { body: "Edited reply", stance: "evidence" }, { token: carol.token });
    expect(edited.status).toBe(200);
    expect(edited.body.reply).toMatchObject({ body: "Edited reply", stance: "evidence", editedAt: expect.any(String) });
    expectError(await client.patch(replyUrl, { body: "Hijack" }, { token: bob.token }), 403, "forbidden");
    expectError(await client.patch(replyUrl, { stance: "nope" }, { token: carol.token }), 400, "validation_failed");
  });
});

describe("events over HTTP", () => {
  it("answers GET /posts/{id}/events?after= with {events, lastSeq}, each event {postId, seq, type, at, data}", async () => {
    const post = await addPost();
    const scenario = await newScenario(alice, post.id);
    await client.post(`/api/v1/scenarios/${scenario.id}/replies`, { body: "An event too" }, { token: bob.token });
    await client.patch(`/api/v1/scenarios/${scenario.id}`, { x: 1 }, { token: alice.token });

    const all = await client.get(`/api/v1/posts/${post.id}/events?after=0`);
    expect(all.status).toBe(200);
    expect(Object.keys(all.body).sort()).toEqual(["events", "lastSeq"]);
    expect(all.body.lastSeq).toBe(3);
    expect(all.body.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, "scenario.created"],
      [2, "reply.created"],
      [3, "scenario.updated"],
    ]);
    for (const event of all.body.events) {
      expect(Object.keys(event).sort()).toEqual(["at", "data", "postId", "seq", "type"]);
      expect(event.postId).toBe(post.id);
      expect(event.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const tail = await client.get(`/api/v1/posts/${post.id}/events?after=1&limit=1`);
    expect(tail.body).toEqual({ events: [all.body.events[1]], lastSeq: 3 });
    expect((await client.get(`/api/v1/posts/${post.id}/events?after=3`)).body).toEqual({ events: [], lastSeq: 3 });
    for (const query of ["after=abc", "after=-1", "after=1.5", "limit=0", "limit=1001", "limit=x"]) {
      expectError(await client.get(`/api/v1/posts/${post.id}/events?${query}`), 400, "validation_failed");
    }
    expectError(await client.get("/api/v1/posts/no-such-post/events"), 404, "not_found");
  });
});

describe("drafts over HTTP", () => {
  it("saves with PUT, reads with GET, discards with DELETE (204), for the owner only", async () => {
    const url = `/api/v1/drafts/scenario:${postId}`;
    const saved = await client.put(url, { content: { title: "Half a thought" } }, { token: bob.token });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ savedAt: expect.any(String) });
    expect((await client.get(url, { token: bob.token })).body).toEqual({ draft: { content: { title: "Half a thought" }, savedAt: saved.body.savedAt } });
    expect((await client.get(url, { token: carol.token })).body).toEqual({ draft: null });
    expectError(await client.get(url), 401, "unauthenticated");
    expectError(await client.put("/api/v1/drafts/post:abc", { content: {} }, { token: bob.token }), 400, "validation_failed");
    expectError(await client.put(url, { content: { body: "x".repeat(25_001) } }, { token: bob.token }), 400, "validation_failed");
    const discarded = await client.delete(url, { token: bob.token });
    expect(discarded.status).toBe(204);
    expect((await client.get(url, { token: bob.token })).body).toEqual({ draft: null });
  });

  it("answers a NUL or a lone surrogate in a draft with 400, not a 5xx", async () => {
    const url = `/api/v1/drafts/scenario:${postId}`;
    const before = await countRows(drafts);
    const statuses: Record<string, number> = {};
    for (const raw of ['{"content": {"body": "a\\u0000b"}}', '{"content": {"body": "a\\ud800b"}}']) {
      statuses[raw] = (await client.put(url, raw, { token: bob.token })).status;
    }
    expect(statuses).toEqual({ '{"content": {"body": "a\\u0000b"}}': 400, '{"content": {"body": "a\\ud800b"}}': 400 });
    expect(await countRows(drafts)).toBe(before);
  });
});

describe("ids", () => {
  it("answers unknown ids and ids of the wrong kind with 404", async () => {
    const scenario = await newScenario(alice);
    const reply = (await client.post(`/api/v1/scenarios/${scenario.id}/replies`, { body: "For the id test" }, { token: bob.token })).body.reply;
    const attempts: [string, string, unknown?][] = [
      ["GET", "/api/v1/scenarios/no-such-scenario"],
      ["GET", `/api/v1/scenarios/${postId}`],
      ["GET", `/api/v1/scenarios/${reply.id}/replies`],
      ["GET", `/api/v1/posts/${scenario.id}/scenarios`],
      ["GET", `/api/v1/posts/${scenario.id}/events`],
      ["POST", `/api/v1/posts/${scenario.id}/scenarios`, { title: "Wrong kind of id", body: "x" }],
      ["POST", `/api/v1/scenarios/${reply.id}/replies`, { body: "Wrong kind of id" }],
      ["PUT", `/api/v1/scenarios/${postId}/vote`, { value: 1 }],
      ["PATCH", `/api/v1/scenarios/${reply.id}`, { body: "Wrong kind of id" }],
      ["PATCH", `/api/v1/replies/${scenario.id}`, { body: "Wrong kind of id" }],
      ["GET", `/api/v1/scenarios/${reply.id}/revisions`],
      ["GET", "/api/v1/no-such-route"],
      ["DELETE", `/api/v1/scenarios/${scenario.id}`],
    ];
    const before = { scenarios: await countRows(scenarios), replies: await countRows(replies), votes: await countRows(votes) };
    for (const [method, path, body] of attempts) {
      const response = await client.call(method, path, { body, token: carol.token });
      expect(response.status, `${method} ${path}`).toBe(404);
      expectError(response, 404, "not_found");
    }
    expect({ scenarios: await countRows(scenarios), replies: await countRows(replies), votes: await countRows(votes) }).toEqual(before);
  });

  it("answers a NUL in a path id as bad input (400 or 404), never a 5xx", async () => {
    const statuses: Record<string, number> = {};
    for (const [method, path, body] of [
      ["GET", "/api/v1/scenarios/%00"],
      ["GET", "/api/v1/scenarios/a%00b/replies"],
      ["GET", "/api/v1/posts/a%00b/scenarios"],
      ["GET", "/api/v1/posts/a%00b/events"],
      ["PUT", "/api/v1/scenarios/a%00b/vote", { value: 1 }],
      ["POST", "/api/v1/scenarios/a%00b/replies", { body: "NUL id" }],
      ["POST", `/api/v1/scenarios/${(await newScenario(alice)).id}/replies`, { body: "NUL parent", parentId: "a\u0000b" }],
    ] as [string, string, unknown?][]) {
      statuses[`${method} ${path}`] = (await client.call(method, path, { body, token: bob.token })).status;
    }
    expect(Object.entries(statuses).filter(([, status]) => status !== 400 && status !== 404)).toEqual([]);
  });
});

describe("cookie sessions", () => {
  const cookieFor = async (account: Account) =>
    `authjs.session-token=${await encode({ token: { sub: account.id, sid: await startMemberSession(account.id) }, secret: authSecret, salt: "authjs.session-token" })}`;

  it("reads with a cookie, refuses a cookie write without a same-origin Origin, and accepts it with one", async () => {
    const cookie = await cookieFor(carol);
    const me = await client.get("/api/v1/me", { headers: { cookie } });
    expect(me.body.user.id).toBe(carol.id);
    const before = await scenarioRows();
    const payload = { title: unique("Cookie"), body: "Written with a cookie" };
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, payload, { headers: { cookie } }), 403, "forbidden");
    expectError(await client.post(`/api/v1/posts/${postId}/scenarios`, payload, { headers: { cookie, origin: "https://evil.example" } }), 403, "forbidden");
    expect(await scenarioRows()).toBe(before);
    const sameOrigin = await client.post(`/api/v1/posts/${postId}/scenarios`, payload, { headers: { cookie, origin: server.url } });
    expect(sameOrigin.status).toBe(201);
    expect(sameOrigin.body.scenario.author.id).toBe(carol.id);
    // A token needs no Origin.
    expect((await client.post(`/api/v1/posts/${postId}/scenarios`, { title: unique("Token"), body: "No origin" }, { token: carol.token })).status).toBe(201);
  });
});

describe("no 5xx for bad input", () => {
  it("answers a barrage of malformed requests to every debate route with a 4xx JSON error", async () => {
    const scenario = await newScenario(alice);
    const reply = (await client.post(`/api/v1/scenarios/${scenario.id}/replies`, { body: "Barrage target" }, { token: bob.token })).body.reply;
    const routes: [string, string][] = [
      ["POST", `/api/v1/posts/${postId}/scenarios`],
      ["PATCH", `/api/v1/scenarios/${scenario.id}`],
      ["PUT", `/api/v1/scenarios/${scenario.id}/vote`],
      ["POST", `/api/v1/scenarios/${scenario.id}/replies`],
      ["PATCH", `/api/v1/replies/${reply.id}`],
      ["PUT", `/api/v1/drafts/reply:${scenario.id}:root`],
    ];
    const bodies: (string | Buffer)[] = [
      "",
      "{",
      "[]",
      "[1,2]",
      "null",
      "true",
      "42",
      '"text"',
      '{"title": [], "body": {}, "x": "x", "y": {}, "value": [], "parentId": {}, "stance": 1, "content": []}',
      '{"title": null, "body": null, "value": null, "parentId": null, "content": null}',
      '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
      '{"body": "\\u0000", "title": "\\u0000\\u0000\\u0000"}',
      '{"body": "\\ud800", "title": "\\udc00abc"}',
      `{"body": "${"\\u200b".repeat(50)}", "title": "${"\\u200b".repeat(50)}"}`,
      '{"value": 1e400, "x": 1e400, "y": -1e400}',
      `{"parentId": "${"p".repeat(5000)}", "body": ""}`,
      `{"stance": "${"s".repeat(5000)}", "body": ""}`,
      `{"content": {"${"k".repeat(1000)}": "x"}}`,
      Buffer.from([0xc3, 0x28, 0x7b, 0x7d]),
    ];
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const body of bodies) {
        const response = await rawRequest(server.url, method, path, { headers: { "content-type": "application/json", authorization: `Bearer ${alice.token}` }, body });
        const ok = response.status >= 400 && response.status < 500 && response.json?.error?.code !== undefined;
        if (!ok) failures.push(`${method} ${path} ${String(body).slice(0, 60)} → ${response.status} ${response.text.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
