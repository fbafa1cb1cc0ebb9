import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { api, type ApiResponse } from "../support/http";
import { startApiServer, type ApiServer } from "../support/api-server";
import { addPost } from "../support/forum";

// Issue 16 finding 6: a NUL in a token label, a role-change reason or a resolve note answered 500 with a stack trace.
// Every string field of every door that takes text is sent NUL and a lone surrogate: each must be a 400 JSON answer.
const password = "correct horse battery";
const bad = { NUL: "a\u0000b", "lone surrogate": "a\uD800b" };

let server: ApiServer;
let client: ReturnType<typeof api>;
let member: { id: string; token: string };
let admin: { id: string; token: string };
let postId: string;
let scenarioId: string;
let replyId: string;

async function account(role: Role) {
  const email = `${role}${Math.random().toString(36).slice(2, 8)}@example.test`;
  const created = await client.post("/api/v1/accounts", { email, password, name: `A ${role}` });
  expect(created.status).toBe(201);
  const id = created.body.user.id as string;
  await (await getDb()).update(users).set({ role, createdAt: new Date(Date.now() - 7 * 86_400_000) }).where(eq(users.id, id));
  const issued = await client.post("/api/v1/tokens", { email, password, label: "tests" });
  expect(issued.status).toBe(201);
  return { id, token: issued.body.token as string };
}

beforeAll(async () => {
  server = await startApiServer();
  client = api(server.url);
  member = await account("member");
  admin = await account("admin");
  postId = (await addPost()).id;
  const scenario = await client.post(`/api/v1/posts/${postId}/scenarios`, { title: "A scenario", body: "Its body" }, { token: member.token });
  expect(scenario.status).toBe(201);
  scenarioId = scenario.body.scenario.id;
  const reply = await client.post(`/api/v1/scenarios/${scenarioId}/replies`, { body: "A reply" }, { token: member.token });
  expect(reply.status).toBe(201);
  replyId = reply.body.reply.id;
});
afterAll(() => server.close());

/** `status` is 400 unless the contract says otherwise: credentials answer 401 whatever is wrong with them. */
type Door = { name: string; send: (text: string) => Promise<ApiResponse>; status?: number; code?: string };
const doors: Door[] = [
  { name: "sign-up name", send: (t) => client.post("/api/v1/accounts", { email: "n@example.test", password, name: t }) },
  { name: "sign-up email", send: (t) => client.post("/api/v1/accounts", { email: `${t}@example.test`, password, name: "N" }) },
  { name: "token label", send: (t) => client.post("/api/v1/tokens", { email: "n@example.test", password, label: t }) },
  { name: "token email", send: (t) => client.post("/api/v1/tokens", { email: `${t}@example.test`, password }), status: 401, code: "unauthenticated" },
  { name: "role-change reason", send: (t) => client.put(`/api/v1/admin/users/${member.id}/role`, { role: "member", reason: t }, { token: admin.token }) },
  { name: "resolve note", send: (t) => client.post(`/api/v1/mod/posts/${postId}/resolve`, { outcome: "annulled", note: t }, { token: admin.token }) },
  { name: "post title", send: (t) => client.post("/api/v1/posts", { title: `Title ${t}`, body: "Body", question: "Why?", lang: "en" }, { token: admin.token }) },
  { name: "post body", send: (t) => client.post("/api/v1/posts", { title: "Title", body: t, question: "Why?", lang: "en" }, { token: admin.token }) },
  { name: "post axis label", send: (t) => client.post("/api/v1/posts", { title: "Title", body: "Body", question: "Why?", lang: "en", axes: { x: { label: t, low: "l", high: "h" }, y: { label: "y", low: "l", high: "h" } } }, { token: admin.token }) },
  { name: "post translation question", send: (t) => client.post("/api/v1/posts", { title: "Title", body: "Body", question: "Why?", lang: "en", translation: { lang: "ar", title: "عنوان", body: "نص", question: t } }, { token: admin.token }) },
  { name: "post edit question", send: (t) => client.patch(`/api/v1/posts/${postId}`, { question: t }, { token: admin.token }) },
  { name: "slow-mode reason", send: (t) => client.post(`/api/v1/mod/post/${postId}/slow-mode`, { seconds: 60, reason: t }, { token: admin.token }) },
  { name: "contest-mode reason", send: (t) => client.post(`/api/v1/mod/post/${postId}/contest-mode`, { until: new Date(Date.now() + 3_600_000).toISOString(), reason: t }, { token: admin.token }) },
  { name: "scenario title", send: (t) => client.post(`/api/v1/posts/${postId}/scenarios`, { title: `Title ${t}`, body: "Body" }, { token: member.token }) },
  { name: "scenario body", send: (t) => client.post(`/api/v1/posts/${postId}/scenarios`, { title: "Title", body: t }, { token: member.token }) },
  { name: "scenario edit title", send: (t) => client.patch(`/api/v1/scenarios/${scenarioId}`, { title: `Title ${t}` }, { token: member.token }) },
  { name: "scenario edit body", send: (t) => client.patch(`/api/v1/scenarios/${scenarioId}`, { body: t }, { token: member.token }) },
  { name: "reply body", send: (t) => client.post(`/api/v1/scenarios/${scenarioId}/replies`, { body: t }, { token: member.token }) },
  { name: "reply edit body", send: (t) => client.patch(`/api/v1/replies/${replyId}`, { body: t }, { token: member.token }) },
  { name: "flag note", send: (t) => client.post("/api/v1/flags", { targetType: "scenario", targetId: scenarioId, reason: "other", note: t }, { token: admin.token }) },
  { name: "draft field", send: (t) => client.put(`/api/v1/drafts/scenario:${postId}`, { content: { title: t } }, { token: member.token }) },
  { name: "preview body", send: (t) => client.post("/api/v1/preview", { body: t }, { token: member.token }) },
];

describe("every text field refuses NUL and lone surrogates with a 4xx JSON answer (finding 6)", () => {
  for (const door of doors) {
    for (const [what, text] of Object.entries(bad)) {
      it(`${door.name}: ${what}`, async () => {
        const response = await door.send(text);
        expect(response.status).toBe(door.status ?? 400);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(response.body.error.code).toBe(door.code ?? "validation_failed");
        expect(response.text).not.toMatch(/\bat \S+\.(ts|js):\d+|Failed query|stack/i);
      });
    }
  }
});
