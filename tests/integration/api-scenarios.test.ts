import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { scenarios } from "@/db/schema";
import { client, postId, alice, bob, carol, dave, newbie, erin, unique, expectError, expectSuspended, scenarioRows, newScenario, setUpDebateApi } from "../support/debate-api";
import type { ApiResponse } from "../support/http";
import { addPost, countRows, setPost, staggered } from "../support/forum";

setUpDebateApi();

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
