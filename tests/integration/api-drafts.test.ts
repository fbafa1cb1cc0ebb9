import { describe, expect, it } from "vitest";
import { drafts } from "@/db/schema";
import { client, postId, bob, carol, expectError, setUpDebateApi } from "../support/debate-api";
import { countRows } from "../support/forum";

setUpDebateApi();

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
