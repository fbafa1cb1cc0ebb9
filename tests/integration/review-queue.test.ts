import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { flaggerStats, flags, moderationLog, reviewItems } from "@/db/schema";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { accuracyBonus, flagScore } from "@/lib/moderation/flag-score";
import { createFlag } from "@/lib/moderation/flags";
import { decideQueueItem, listQueue } from "@/lib/moderation/review-queue";
import { createActor } from "../support/actors";
import { startApiServer, type ApiServer } from "../support/api-server";
import { addPost, countRows, outcome } from "../support/forum";
import { api, type ApiResponse } from "../support/http";

let postId: string;
let author: Awaited<ReturnType<typeof createActor>>;
let moderator: Awaited<ReturnType<typeof createActor>>;
let other: Awaited<ReturnType<typeof createActor>>;

async function flaggedScenario(flaggers: number) {
  const scenario = await createScenario(author, { postId, title: `Flag me ${Math.random()}`, body: "Body" });
  const members = [];
  for (let i = 0; i < flaggers; i++) {
    const member = await createActor();
    members.push(member);
    await createFlag(member, { targetType: "scenario", targetId: scenario.id, reason: i % 2 ? "spam" : "other", note: i % 2 ? undefined : "Looks copied" });
  }
  return { id: scenario.id, members };
}

async function queueItem(targetId: string) {
  const [row] = await (await getDb()).select().from(reviewItems).where(and(eq(reviewItems.targetType, "scenario"), eq(reviewItems.targetId, targetId)));
  return row!;
}

beforeAll(async () => {
  postId = (await addPost()).id;
  author = await createActor();
  moderator = await createActor("moderator");
  other = await createActor("admin");
});

/** A member whose decided flags stand at `agreed` upheld and `disagreed` dismissed. */
async function flaggerWithRecord(agreed: number, disagreed: number) {
  const member = await createActor();
  await (await getDb()).insert(flaggerStats).values({ userId: member.actor.id, agreed, disagreed });
  return member;
}

describe("review queue", () => {
  it("orders targets by the sum of their flags' weights, worked out by hand", async () => {
    // Week-old members stand at 1, so a plain flag weighs 1 + 1 = 2; staff stand at 5 (weight 6); a new
    // account stands at 0 (weight 1). Past 5 decided flags the record adds 5·log4(total)·distance from 70%:
    // 8 of 8 upheld: distance 1, log4(8) = 1.5, bonus +7.5, weight 9.5;
    // 4 of 6 upheld: distance −(0.7 − 4/6)/0.7 = −0.0476, log4(6) = 1.2925, bonus −0.31, weight 1.69.
    const accurate = await flaggerWithRecord(8, 0);
    const middling = await flaggerWithRecord(4, 2);
    const staff = await createActor("moderator");
    const newcomer = await createActor("member", { createdAt: new Date(Date.now() - 3_600_000) });
    const a = await createScenario(author, { postId, title: `A ${Math.random()}`, body: "A" });
    const b = await createScenario(author, { postId, title: `B ${Math.random()}`, body: "B" });
    const c = await createReply(author, { scenarioId: a.id, body: "C reply" });
    const d = await createScenario(author, { postId, title: `D ${Math.random()}`, body: "D" });
    await createFlag(accurate, { targetType: "scenario", targetId: a.id, reason: "spam" });
    for (let i = 0; i < 3; i++) await createFlag(await createActor(), { targetType: "scenario", targetId: b.id, reason: "off_topic" });
    await createFlag(staff, { targetType: "reply", targetId: c.id, reason: "abuse" });
    await createFlag(newcomer, { targetType: "reply", targetId: c.id, reason: "abuse" });
    await createFlag(middling, { targetType: "scenario", targetId: d.id, reason: "duplicate" });
    const mine = new Set([a.id, b.id, c.id, d.id]);
    const { items } = await listQueue(moderator, { limit: 200 });
    const ranked = items.filter((item) => mine.has(item.targetId)).map((item) => [item.targetId, item.score, item.autoHidden]);
    // MIZAN_AUTOHIDE_WEIGHT is 10 by default: nothing here reaches it.
    expect(ranked).toEqual([
      [a.id, 9.5, false],
      [c.id, 7, false],
      [b.id, 6, false],
      [d.id, 1.69, false],
    ]);
    // A second flag on D (weight 2) makes 3.69, still last; a staff flag on B (6 more, 12 in all) passes the
    // threshold, marks B auto-hidden pending review, and puts it first.
    await createFlag(await createActor(), { targetType: "scenario", targetId: d.id, reason: "spam" });
    await createFlag(await createActor("moderator"), { targetType: "scenario", targetId: b.id, reason: "spam" });
    const after = (await listQueue(moderator, { limit: 200 })).items.filter((item) => mine.has(item.targetId));
    expect(after.map((item) => [item.targetId, item.score, item.autoHidden])).toEqual([
      [b.id, 12, true],
      [a.id, 9.5, false],
      [c.id, 7, false],
      [d.id, 3.69, false],
    ]);
    expect((await listQueue(moderator, { status: "autohidden", limit: 200 })).items.map((item) => item.targetId)).toContain(b.id);
    expect((await listQueue(moderator, { status: "autohidden", limit: 200 })).items.map((item) => item.targetId)).not.toContain(a.id);
    // Paging walks the same order without repeats or gaps.
    const walked: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await listQueue(moderator, { limit: 1, cursor });
      walked.push(...page.items.map((item) => item.targetId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked.filter((id) => mine.has(id))).toEqual([b.id, a.id, c.id, d.id]);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it("lists open targets highest score first with flags, flaggers, text and author; moderators only", async () => {
    const small = await flaggedScenario(1);
    const big = await flaggedScenario(3);
    const { items } = await listQueue(moderator, { status: "open", limit: 200 });
    const ids = items.map((item) => item.targetId);
    expect(ids.indexOf(big.id)).toBeLessThan(ids.indexOf(small.id));
    const bigItem = items.find((item) => item.targetId === big.id)!;
    expect(bigItem).toMatchObject({ targetType: "scenario", score: 6, state: "open", autoHidden: false, version: 3 });
    expect(bigItem.flags).toHaveLength(3);
    expect(bigItem.flags[0]).toMatchObject({ reason: "other", note: "Looks copied", by: { id: big.members[0]!.actor.id } });
    expect(bigItem.target).toMatchObject({ id: big.id, postId, body: "Body", html: expect.stringContaining("Body"), author: { id: author.actor.id } });
    expect(await outcome(listQueue(big.members[0]!, {}))).toBe("Forbidden");
    expect(await outcome(listQueue({ actor: null }, {}))).toBe("Unauthenticated");
    expect(await outcome(listQueue(moderator, { status: "closed" }))).toBe("ValidationFailed");
    const firstPage = await listQueue(moderator, { limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    const second = await listQueue(moderator, { limit: 1, cursor: firstPage.nextCursor });
    expect(second.items[0]!.targetId).not.toBe(firstPage.items[0]!.targetId);
    expect(second.items[0]!.score).toBeLessThanOrEqual(firstPage.items[0]!.score);
  });

  it("uphold closes the flags, credits every flagger, logs it; a repeat is idempotent", async () => {
    const { id, members } = await flaggedScenario(2);
    const { version } = await queueItem(id);
    const logged = await countRows(moderationLog);
    const item = await decideQueueItem(moderator, { targetType: "scenario", targetId: id, decision: "uphold", reason: "Spam indeed", version });
    expect(item).toMatchObject({ state: "closed", flags: [], score: 0, version: version + 1 });
    expect(await countRows(flags, and(eq(flags.targetId, id), eq(flags.status, "resolved")))).toBe(2);
    for (const member of members) {
      const [stats] = await (await getDb()).select().from(flaggerStats).where(eq(flaggerStats.userId, member.actor.id));
      expect(stats).toMatchObject({ agreed: 1, disagreed: 0 });
    }
    const [entry] = await (await getDb()).select().from(moderationLog).where(eq(moderationLog.targetId, id));
    expect(entry).toMatchObject({ actorId: moderator.actor.id, action: "queue.uphold", reason: "Spam indeed", targetType: "scenario" });
    expect(await countRows(moderationLog)).toBe(logged + 1);
    const again = await decideQueueItem(moderator, { targetType: "scenario", targetId: id, decision: "uphold", reason: "Spam indeed", version });
    expect(again.version).toBe(version + 1);
    expect(await countRows(moderationLog)).toBe(logged + 1);
  });

  it("dismiss debits the flaggers; defer keeps the flags open under status=deferred", async () => {
    const dismissed = await flaggedScenario(1);
    await decideQueueItem(moderator, { targetType: "scenario", targetId: dismissed.id, decision: "dismiss", reason: "Fine", version: (await queueItem(dismissed.id)).version });
    const [stats] = await (await getDb()).select().from(flaggerStats).where(eq(flaggerStats.userId, dismissed.members[0]!.actor.id));
    expect(stats).toMatchObject({ agreed: 0, disagreed: 1 });
    const deferred = await flaggedScenario(1);
    await decideQueueItem(moderator, { targetType: "scenario", targetId: deferred.id, decision: "defer", reason: "Later", version: (await queueItem(deferred.id)).version });
    const { items } = await listQueue(moderator, { status: "deferred" });
    expect(items.find((item) => item.targetId === deferred.id)?.flags).toHaveLength(1);
    expect((await listQueue(moderator, { status: "open", limit: 200 })).items.some((item) => item.targetId === deferred.id)).toBe(false);
    // A new flag brings it back to the open queue.
    await createFlag(await createActor(), { targetType: "scenario", targetId: deferred.id, reason: "abuse" });
    expect((await queueItem(deferred.id)).state).toBe("open");
  });

  it("a stale version answers 409 naming who decided; bad input writes nothing", async () => {
    const { id } = await flaggedScenario(1);
    const { version } = await queueItem(id);
    await decideQueueItem(moderator, { targetType: "scenario", targetId: id, decision: "dismiss", reason: "No", version });
    const stale = decideQueueItem(other, { targetType: "scenario", targetId: id, decision: "uphold", reason: "Yes", version });
    await expect(stale).rejects.toThrow(new RegExp(`@${moderator.actor.handle} already dismissed`));
    const logged = await countRows(moderationLog);
    for (const bad of [
      { decision: "uphold", reason: "", version },
      { decision: "ban", reason: "x", version },
      { decision: "uphold", reason: "x" },
      { decision: "uphold", reason: "x".repeat(501), version },
    ]) {
      expect(await outcome(decideQueueItem(moderator, { targetType: "scenario", targetId: id, ...bad }))).toBe("ValidationFailed");
    }
    expect(await outcome(decideQueueItem(moderator, { targetType: "scenario", targetId: "missing", decision: "uphold", reason: "x", version: 1 }))).toBe("NotFound");
    expect(await outcome(decideQueueItem(author, { targetType: "scenario", targetId: id, decision: "uphold", reason: "x", version: 1 }))).toBe("Forbidden");
    expect(await countRows(moderationLog)).toBe(logged);
  });

  it("two moderators deciding at once: one wins, the other gets 409", async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await flaggedScenario(2);
      const { version } = await queueItem(id);
      const results = await Promise.all([
        outcome(decideQueueItem(moderator, { targetType: "scenario", targetId: id, decision: "uphold", reason: "Bad", version })),
        outcome(decideQueueItem(other, { targetType: "scenario", targetId: id, decision: "dismiss", reason: "Fine", version })),
      ]);
      expect(results.sort()).toEqual(["Conflict", "ok"]);
      expect(await countRows(moderationLog, eq(moderationLog.targetId, id))).toBe(1);
      expect(await countRows(flags, and(eq(flags.targetId, id), eq(flags.status, "open")))).toBe(0);
    }
  });

  it("a flagger's record weighs their later flags once they have more than five decided", async () => {
    const flagger = await createActor();
    const weights = [];
    for (let i = 0; i < 7; i++) {
      const scenario = await createScenario(author, { postId, title: `Record ${i} ${Math.random()}`, body: "Body" });
      const flag = await createFlag(flagger, { targetType: "scenario", targetId: scenario.id, reason: "spam" });
      const [row] = await (await getDb()).select({ weight: flags.weight }).from(flags).where(eq(flags.id, flag.id));
      weights.push(row!.weight);
      await decideQueueItem(moderator, { targetType: "scenario", targetId: scenario.id, decision: "uphold", reason: "Yes", version: (await queueItem(scenario.id)).version });
    }
    expect(weights.slice(0, 6)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(weights[6]).toBe(flagScore(1, 6, 0));
    expect(weights[6]).toBe(2 + accuracyBonus(6, 0));
  });
});

describe("review queue over HTTP", () => {
  let server: ApiServer;
  let client: ReturnType<typeof api>;
  let modToken: string;
  let otherToken: string;
  let memberToken: string;

  beforeAll(async () => {
    server = await startApiServer();
    client = api(server.url);
    modToken = (await issueTokenToMember(moderator, { label: "tests" })).token;
    otherToken = (await issueTokenToMember(other, { label: "tests" })).token;
    memberToken = (await issueTokenToMember(await createActor(), { label: "tests" })).token;
  });
  afterAll(() => server.close());

  function expectError(response: ApiResponse, status: number, code: string) {
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.text).not.toMatch(/\bat \S+\.(ts|js):\d+|Failed query/);
  }

  it("serves the queue in the contract's shape, moderators only", async () => {
    const { id } = await flaggedScenario(2);
    const listed = await client.get("/api/v1/mod/queue?limit=200", { token: modToken });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((entry: { targetId: string }) => entry.targetId === id);
    expect(item).toEqual({
      targetType: "scenario",
      targetId: id,
      target: expect.objectContaining({ id, body: "Body", status: "visible", author: expect.objectContaining({ id: author.actor.id }) }),
      flags: [expect.objectContaining({ id: expect.any(String), reason: "other", note: "Looks copied", by: expect.any(Object), at: expect.any(String) }), expect.any(Object)],
      score: 4,
      state: "open",
      autoHidden: false,
      version: 2,
    });
    expect(listed.body).toHaveProperty("nextCursor");
    expectError(await client.get("/api/v1/mod/queue", { token: memberToken }), 403, "forbidden");
    expectError(await client.get("/api/v1/mod/queue"), 401, "unauthenticated");
    expectError(await client.get("/api/v1/mod/queue?status=closed", { token: modToken }), 400, "validation_failed");
    expectError(await client.get("/api/v1/mod/queue?cursor=nonsense", { token: modToken }), 400, "validation_failed");
  });

  it("decides over HTTP; the loser of a race gets 409 naming who decided; bad input writes nothing", async () => {
    const { id, members } = await flaggedScenario(2);
    const { version } = await queueItem(id);
    const path = `/api/v1/mod/queue/scenario/${id}/decide`;
    const logged = await countRows(moderationLog);
    const bad: [string, unknown, number, string][] = [
      [path, { decision: "ban", reason: "x", version }, 400, "validation_failed"],
      [path, { decision: "uphold", version }, 400, "validation_failed"],
      [path, { decision: "uphold", reason: "   ", version }, 400, "validation_failed"],
      [path, { decision: "uphold", reason: "x", version: "one" }, 400, "validation_failed"],
      [path, "not json", 400, "validation_failed"],
      [`/api/v1/mod/queue/user/${id}/decide`, { decision: "uphold", reason: "x", version }, 400, "validation_failed"],
      [`/api/v1/mod/queue/scenario/a%00b/decide`, { decision: "uphold", reason: "x", version }, 400, "validation_failed"],
      [`/api/v1/mod/queue/scenario/${"x".repeat(10_240)}/decide`, { decision: "uphold", reason: "x", version }, 404, "not_found"],
    ];
    for (const [url, body, status, code] of bad) expectError(await client.post(url, body, { token: modToken }), status, code);
    expectError(await client.post(path, { decision: "uphold", reason: "x", version }, { token: memberToken }), 403, "forbidden");
    expect(await countRows(moderationLog)).toBe(logged);
    expect(await countRows(flags, and(eq(flags.targetId, id), eq(flags.status, "open")))).toBe(2);

    const [first, second] = await Promise.all([
      client.post(path, { decision: "uphold", reason: "Spam", version }, { token: modToken }),
      client.post(path, { decision: "dismiss", reason: "Fine", version }, { token: otherToken }),
    ]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    const winner = first.status === 200 ? moderator : other;
    expect(won.status).toBe(200);
    expect(won.body.item).toMatchObject({ targetId: id, state: "closed", version: version + 1, flags: [] });
    expectError(lost, 409, "conflict");
    expect(lost.body.error.message).toContain(`@${winner.actor.handle} already ${won === first ? "upheld" : "dismissed"}`);
    expect(await countRows(moderationLog, eq(moderationLog.targetId, id))).toBe(1);
    const column = won === first ? "agreed" : "disagreed";
    for (const member of members) {
      const [stats] = await (await getDb()).select().from(flaggerStats).where(eq(flaggerStats.userId, member.actor.id));
      expect(stats![column]).toBe(1);
    }
  });
});
