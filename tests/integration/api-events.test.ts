import { describe, expect, it } from "vitest";
import { client, alice, bob, expectError, newScenario, setUpDebateApi } from "../support/debate-api";
import { addPost } from "../support/forum";

setUpDebateApi();

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
