import { describe, expect, it } from "vitest";
import { replies, scenarios, votes } from "@/db/schema";
import { server, client, postId, alice, bob, carol, expectError, newScenario, setUpDebateApi } from "../support/debate-api";
import { rawRequest } from "../support/api-server";
import { countRows } from "../support/forum";

setUpDebateApi();

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
