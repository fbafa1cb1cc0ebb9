import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { replies } from "@/db/schema";
import { client, alice, bob, carol, expectError, newScenario, setUpDebateApi } from "../support/debate-api";
import { addPost, countRows, setPost } from "../support/forum";

setUpDebateApi();

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
