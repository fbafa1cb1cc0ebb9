import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signInForCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const password = "a long enough password";
let server: RunningServer;
let client: ReturnType<typeof api>;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { MIZAN_ADMIN_EMAILS: "chief@example.test" } });
  client = api(server.url + "/api/v1");
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  expect(await server.stop()).toBe(0);
});

function connect(options: { token?: string; cookie?: string; origin?: string } = {}): Socket {
  const socket = io(server.url, {
    transports: ["websocket"],
    reconnection: false,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) },
  });
  sockets.push(socket);
  return socket;
}

function whoIsOn(socket: Socket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.emit("me", (answer: { user: unknown }) => resolve(answer.user));
  });
}

async function account(email: string, name = "Member") {
  const created = await client.post("/accounts", { email, password, name });
  expect(created.status).toBe(201);
  const issued = await client.post("/tokens", { email, password, label: "test" });
  expect(issued.status).toBe(201);
  return { user: created.body.user, token: issued.body.token as string };
}

describe("accounts and tokens over HTTP", () => {
  it("signs up, issues a token, answers /me, and revokes the token at once", async () => {
    const { user, token } = await account("first@example.test", "أول عضو");
    expect(user).toEqual({ id: expect.any(String), handle: "first", name: "أول عضو", role: "member" });
    expect(await client.get("/me", { token })).toMatchObject({ status: 200, body: { user } });
    expect((await client.delete("/tokens/current", { token })).status).toBe(204);
    const after = await client.get("/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");
  });

  it("answers a taken email with 409 and wrong credentials with one 401 for both cases", async () => {
    await account("second@example.test");
    expect((await client.post("/accounts", { email: "SECOND@example.test", password, name: "Again" })).status).toBe(409);
    const wrong = await client.post("/tokens", { email: "second@example.test", password: "not the password" });
    const unknown = await client.post("/tokens", { email: "nobody@example.test", password });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it.each([
    ["malformed JSON", "{not json", {}],
    ["an array", "[]", {}],
    ["a form body", "email=a", { "content-type": "application/x-www-form-urlencoded" }],
    ["a missing password", JSON.stringify({ email: "x@example.test", name: "X" }), {}],
    ["a number for a name", JSON.stringify({ email: "x@example.test", password, name: 5 }), {}],
  ])("refuses %s with a 400 and stores nothing", async (_label, body, headers) => {
    const response = await client.post("/accounts", body, { headers });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect((await client.post("/tokens", { email: "x@example.test", password })).status).toBe(401);
  });

  it("refuses a body over 64 KiB with 413", async () => {
    const response = await client.post("/accounts", { email: "big@example.test", password, name: "x".repeat(70_000) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("answers anonymous /me with 401 and a malformed bearer with 401", async () => {
    expect((await client.get("/me")).status).toBe(401);
    expect((await client.get("/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await client.get("/posts", { headers: { authorization: "Bearer mzn_nope" } })).status).toBe(401);
  });

  it("rate limits token creation per email with 429 and Retry-After", async () => {
    await account("target@example.test");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const response = await client.post("/tokens", { email: "target@example.test", password: "guessing wrong" });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("roles", () => {
  it("lets an admin change a role and refuses everyone else", async () => {
    const chief = await account("chief@example.test", "Chief");
    expect(chief.user.role).toBe("admin");
    const member = await account("plain@example.test");
    const promoted = await client.put(`/admin/users/${member.user.id}/role`, { role: "moderator" }, { token: chief.token });
    expect(promoted).toMatchObject({ status: 200, body: { user: { id: member.user.id, role: "moderator" } } });
    expect((await client.get("/me", { token: member.token })).body.user.role).toBe("moderator");
    expect((await client.put(`/admin/users/${chief.user.id}/role`, { role: "member" }, { token: member.token })).status).toBe(403);
    expect((await client.put(`/admin/users/${member.user.id}/role`, { role: "member" })).status).toBe(401);
    expect((await client.put(`/admin/users/${member.user.id}/role`, { role: "king" }, { token: chief.token })).status).toBe(400);
    expect((await client.put(`/admin/users/nobody/role`, { role: "member" }, { token: chief.token })).status).toBe(404);
  });

  it("requires a same-origin Origin for cookie-authenticated writes", async () => {
    const chief = await account("chief2@example.test", "Chief Two");
    await client.put(`/admin/users/${chief.user.id}/role`, { role: "admin" }, { token: (await client.post("/tokens", { email: "chief@example.test", password })).body.token });
    const cookie = await signInForCookie(server.url, "chief2@example.test", password);
    expect((await client.get("/me", { headers: { cookie } })).body.user.handle).toBe("chief2");
    const target = await account("cookie-target@example.test");
    const path = `/admin/users/${target.user.id}/role`;
    expect((await client.put(path, { role: "moderator" }, { headers: { cookie } })).status).toBe(403);
    expect((await client.put(path, { role: "moderator" }, { headers: { cookie, origin: "null" } })).status).toBe(403);
    expect((await client.put(path, { role: "moderator" }, { headers: { cookie, origin: "https://evil.example" } })).status).toBe(403);
    expect((await client.put(path, { role: "moderator" }, { headers: { cookie, origin: server.url } })).status).toBe(200);
  });
});

describe("sessions", () => {
  /** Signs out through Auth.js as the site's sign-out button does (its CSRF token, the session cookie). */
  async function signOut(cookie: string): Promise<void> {
    const csrf = await fetch(server.url + "/api/auth/csrf", { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const response = await fetch(server.url + "/api/auth/signout", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}`, origin: server.url },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(response.status).toBeLessThan(400);
  }

  it("end on the server when the member signs out: a copy of the cookie stops working (issue 16, finding 9)", async () => {
    const { user } = await account("leaving@example.test", "Leaving");
    const copied = await signInForCookie(server.url, "leaving@example.test", password);
    const other = await signInForCookie(server.url, "leaving@example.test", password);
    expect((await client.get("/me", { headers: { cookie: copied } })).body.user.id).toBe(user.id);
    await signOut(copied);
    expect((await client.get("/me", { headers: { cookie: copied } })).status).toBe(401);
    // Another browser's session is its own; "sign out everywhere" ends it too.
    expect((await client.get("/me", { headers: { cookie: other } })).status).toBe(200);
    const third = await signInForCookie(server.url, "leaving@example.test", password);
    expect((await client.delete("/sessions", { headers: { cookie: third, origin: server.url } })).body).toEqual({ ended: 2 });
    expect((await client.get("/me", { headers: { cookie: other } })).status).toBe(401);
  });
});

describe("sockets", () => {
  it("know their member by token or cookie, and nobody when anonymous", async () => {
    const { user, token } = await account("socket@example.test", "Socket");
    expect(await whoIsOn(connect({ token }))).toEqual(user);
    const cookie = await signInForCookie(server.url, "socket@example.test", password);
    expect(await whoIsOn(connect({ cookie }))).toEqual(user);
    expect(await whoIsOn(connect())).toBeNull();
  });

  it("refuse a revoked token and a foreign origin", async () => {
    const refused = (socket: Socket) =>
      new Promise<string>((resolve) => {
        socket.once("connect", () => resolve("connected"));
        socket.once("connect_error", (error) => resolve(error.message));
      });
    expect(await refused(connect({ token: "mzn_revoked" }))).toMatch(/revoked/);
    expect(await refused(connect({ origin: "https://evil.example" }))).not.toBe("connected");
  });

  it("are dropped within a second when the member's role changes", async () => {
    const chiefToken = (await client.post("/tokens", { email: "chief@example.test", password })).body.token;
    const { user, token } = await account("dropped@example.test");
    const socket = connect({ token });
    await whoIsOn(socket);
    const dropped = new Promise<number>((resolve) => {
      const started = Date.now();
      socket.once("disconnect", () => resolve(Date.now() - started));
    });
    await client.put(`/admin/users/${user.id}/role`, { role: "moderator" }, { token: chiefToken });
    expect(await dropped).toBeLessThan(1000);
  });
});
