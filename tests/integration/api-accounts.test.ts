import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { startMemberSession } from "@/lib/auth/member-sessions";
import { server, client, postId, alice, carol, unique, password, authSecret, expectError, scenarioRows, type Account, setUpDebateApi } from "../support/debate-api";

setUpDebateApi();

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
