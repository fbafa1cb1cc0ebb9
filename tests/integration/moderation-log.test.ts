import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog } from "@/db/schema";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { listModerationLog } from "@/lib/moderation/log-entries";
import { suspendUser } from "@/lib/moderation/suspensions";
import { createActor } from "../support/actors";
import { startApiServer, type ApiServer } from "../support/api-server";
import { outcome } from "../support/forum";
import { api } from "../support/http";

let server: ApiServer;
let client: ReturnType<typeof api>;
let alice: Awaited<ReturnType<typeof createActor>>;
let bob: Awaited<ReturnType<typeof createActor>>;
let token: string;
const ids: Record<string, string> = {};
const at = (minute: number) => new Date(Date.UTC(2020, 0, 1, 0, minute));
const window = { after: "2019-12-31T23:59:00Z", before: "2020-01-01T01:00:00Z" };

beforeAll(async () => {
  server = await startApiServer();
  client = api(server.url);
  alice = await createActor("moderator");
  bob = await createActor("admin");
  token = (await issueTokenToMember(alice, { label: "tests" })).token;
  // Five entries at known minutes of 2020-01-01, by alice, bob and the forum itself.
  const rows = [
    { key: "e0", actorId: alice.actor.id, action: "queue.uphold", targetType: "scenario", targetId: "scn1", reason: "Spam", minute: 0 },
    { key: "e1", actorId: bob.actor.id, action: "queue.dismiss", targetType: "reply", targetId: "rep1", reason: 'Fine, "really"\nfine', minute: 10 },
    { key: "e2", actorId: null, action: "queue.autohide", targetType: "scenario", targetId: "scn1", reason: "=1+1", minute: 20 },
    { key: "e3", actorId: alice.actor.id, action: "user.suspend", targetType: "user", targetId: bob.actor.id, reason: "Cool off", minute: 30 },
    { key: "e4", actorId: bob.actor.id, action: "queue.uphold", targetType: "scenario", targetId: "scn2", reason: "Spam too", minute: 40 },
  ] as const;
  for (const { key, minute, ...row } of rows) {
    const [inserted] = await (await getDb())
      .insert(moderationLog)
      .values({ ...row, details: { minute }, createdAt: at(minute) })
      .returning({ id: moderationLog.id });
    ids[key] = inserted!.id;
  }
});
afterAll(() => server.close());

const listed = async (filters: Record<string, unknown>) => (await listModerationLog(alice, { ...window, ...filters })).entries.map((entry) => entry.id);

describe("moderation log", () => {
  it("lists newest first, each filter alone and together", async () => {
    expect(await listed({})).toEqual([ids.e4, ids.e3, ids.e2, ids.e1, ids.e0]);
    expect(await listed({ actor: alice.actor.id })).toEqual([ids.e3, ids.e0]);
    expect(await listed({ actor: `@${bob.actor.handle.toUpperCase()}` })).toEqual([ids.e4, ids.e1]);
    expect(await listed({ actor: "nobody-at-all" })).toEqual([]);
    expect(await listed({ targetType: "scenario" })).toEqual([ids.e4, ids.e2, ids.e0]);
    expect(await listed({ targetType: "scenario", targetId: "scn1" })).toEqual([ids.e2, ids.e0]);
    expect(await listed({ action: "queue.uphold" })).toEqual([ids.e4, ids.e0]);
    expect(await listed({ action: "queue.uphold", actor: bob.actor.id })).toEqual([ids.e4]);
    expect(await listed({ after: "2020-01-01T00:10:00Z", before: "2020-01-01T00:40:00Z" })).toEqual([ids.e3, ids.e2]);
    expect(await listed({ actor: "", action: "" })).toEqual([ids.e4, ids.e3, ids.e2, ids.e1, ids.e0]);
  });

  it("pages without gaps or repeats, and shows each entry in the contract's shape", async () => {
    const first = await listModerationLog(alice, { ...window, limit: 2 });
    const second = await listModerationLog(alice, { ...window, limit: 2, cursor: first.nextCursor });
    const third = await listModerationLog(alice, { ...window, limit: 2, cursor: second.nextCursor });
    expect([...first.entries, ...second.entries, ...third.entries].map((entry) => entry.id)).toEqual([ids.e4, ids.e3, ids.e2, ids.e1, ids.e0]);
    expect(third.nextCursor).toBeNull();
    expect(second.entries[1]).toEqual({
      id: ids.e1,
      actor: { id: bob.actor.id, handle: bob.actor.handle, name: bob.actor.name },
      action: "queue.dismiss",
      targetType: "reply",
      targetId: "rep1",
      reason: 'Fine, "really"\nfine',
      at: "2020-01-01T00:10:00.000Z",
      change: { minute: 10 },
    });
    expect(second.entries[0]!.actor).toBeNull();
  });

  it("records what the verbs do", async () => {
    const member = await createActor();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await suspendUser(alice, { userId: member.actor.id, until, reason: "Heated" });
    const { entries } = await listModerationLog(alice, { targetType: "user", targetId: member.actor.id });
    expect(entries).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: alice.actor.id }), action: "user.suspend", reason: "Heated", change: expect.objectContaining({ until }) }),
    ]);
  });

  it("is for moderators only; bad filters answer 4xx JSON", async () => {
    expect(await outcome(listModerationLog(await createActor(), {}))).toBe("Forbidden");
    expect(await outcome(listModerationLog({ actor: null }, {}))).toBe("Unauthenticated");
    const refused = await Promise.all(
      ["actor=a%00b", "after=yesterday", "before=2020-13-01", "targetType=bogus", "targetId=" + "x".repeat(10_240), "action=DROP%20TABLE", "cursor=nonsense", "limit=1000"].map(
        (query) => client.get(`/api/v1/mod/log?${query}`, { token }),
      ),
    );
    for (const response of refused) expect([response.status, response.body.error.code]).toEqual([400, "validation_failed"]);
    const member = (await issueTokenToMember(await createActor(), { label: "tests" })).token;
    for (const path of ["/api/v1/mod/log", "/api/v1/mod/log.csv"]) {
      expect((await client.get(path, { token: member })).status).toBe(403);
      const anonymous = await client.get(path);
      expect([anonymous.status, anonymous.headers.get("content-type")]).toEqual([401, "application/json; charset=utf-8"]);
    }
  });

  it("exports the same columns and filters as CSV, quoted and safe for spreadsheets", async () => {
    const response = await client.get(`/api/v1/mod/log.csv?after=${window.after}&before=${window.before}&limit=1`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="moderation-log.csv"');
    const records = response.text.split("\r\n");
    // Ids are random base64url: one that starts with "-" is escaped like any cell a spreadsheet would run.
    const cell = (id: string | undefined) => (/^[=+\-@]/.test(id ?? "") ? `'${id}` : id);
    expect(records[0]).toBe("id,actor,action,targetType,targetId,reason,at,change");
    expect(records.slice(1)).toEqual([
      `${cell(ids.e4)},${bob.actor.handle},queue.uphold,scenario,scn2,Spam too,2020-01-01T00:40:00.000Z,"{""minute"":40}"`,
      `${cell(ids.e3)},${alice.actor.handle},user.suspend,user,${cell(bob.actor.id)},Cool off,2020-01-01T00:30:00.000Z,"{""minute"":30}"`,
      `${cell(ids.e2)},,queue.autohide,scenario,scn1,'=1+1,2020-01-01T00:20:00.000Z,"{""minute"":20}"`,
      `${cell(ids.e1)},${bob.actor.handle},queue.dismiss,reply,rep1,"Fine, ""really""\nfine",2020-01-01T00:10:00.000Z,"{""minute"":10}"`,
      `${cell(ids.e0)},${alice.actor.handle},queue.uphold,scenario,scn1,Spam,2020-01-01T00:00:00.000Z,"{""minute"":0}"`,
      "",
    ]);
    const filtered = await client.get(`/api/v1/mod/log.csv?after=${window.after}&before=${window.before}&actor=${alice.actor.id}`, { token });
    expect(filtered.text.split("\r\n").filter(Boolean)).toHaveLength(3);
  });
});
