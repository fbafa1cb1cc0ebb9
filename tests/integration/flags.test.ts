import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { flags, reviewItems, users } from "@/db/schema";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { accuracyBonus, flagScore } from "@/lib/moderation/flag-score";
import { moderateContent } from "@/lib/moderation/content-actions";
import { createFlag, listMyOpenFlags, withdrawFlag } from "@/lib/moderation/flags";
import { createActor } from "../support/actors";
import { startApiServer } from "../support/api-server";
import { api } from "../support/http";
import { addPost, countRows, outcome } from "../support/forum";

let postId: string;
let author: Awaited<ReturnType<typeof createActor>>;
let scenarioId: string;
let replyId: string;

async function queueRow(targetType: "post" | "scenario" | "reply", targetId: string) {
  const [row] = await (await getDb())
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.targetType, targetType), eq(reviewItems.targetId, targetId)));
  return row;
}

async function freshScenario() {
  const scenario = await createScenario(author, { postId, title: `A scenario ${Math.random()}`, body: "Body text" });
  return scenario.id;
}

beforeAll(async () => {
  postId = (await addPost()).id;
  author = await createActor();
  scenarioId = await freshScenario();
  replyId = (await createReply(author, { scenarioId, body: "A reply to flag" })).id;
});

describe("flags", () => {
  it("does not let a member flag what they cannot see: a reply under a hidden scenario is not found", async () => {
    const hidden = await freshScenario();
    const reply = await createReply(author, { scenarioId: hidden, body: "Under a scenario about to be hidden" });
    await moderateContent(await createActor("moderator"), { targetType: "scenario", targetId: hidden, action: "hide", reason: "Spam" });
    const before = await countRows(flags);
    expect(await outcome(createFlag(await createActor(), { targetType: "reply", targetId: reply.id, reason: "spam" }))).toBe("NotFound");
    expect(await countRows(flags)).toBe(before);
    expect(await outcome(createFlag(await createActor("moderator"), { targetType: "reply", targetId: reply.id, reason: "spam" }))).toBe("ok");
  });

  it("flags a scenario once per member; the weight joins the target's queue row", async () => {
    const member = await createActor();
    const flag = await createFlag(member, { targetType: "scenario", targetId: scenarioId, reason: "spam" });
    expect(flag).toMatchObject({ targetType: "scenario", targetId: scenarioId, reason: "spam", note: null, status: "open" });
    expect(await outcome(createFlag(member, { targetType: "scenario", targetId: scenarioId, reason: "abuse" }))).toBe("Conflict");
    const row = await queueRow("scenario", scenarioId);
    expect(row).toMatchObject({ state: "open", openFlags: 1, score: flagScore(1, 0, 0), postId });
    expect((await listMyOpenFlags(member, [scenarioId, replyId])).get(scenarioId)).toBe(flag.id);
    expect((await listMyOpenFlags(author, [scenarioId])).size).toBe(0);
  });

  it("refuses one's own content, anonymous readers, suspended members and missing targets, writing nothing", async () => {
    const before = await countRows(flags);
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 3_600_000) });
    const member = await createActor();
    expect(await outcome(createFlag(author, { targetType: "reply", targetId: replyId, reason: "spam" }))).toBe("Forbidden");
    expect(await outcome(createFlag({ actor: null }, { targetType: "reply", targetId: replyId, reason: "spam" }))).toBe("Unauthenticated");
    expect(await outcome(createFlag(suspended, { targetType: "reply", targetId: replyId, reason: "spam" }))).toBe("Suspended");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: "nope", reason: "spam" }))).toBe("NotFound");
    expect(await outcome(createFlag(member, { targetType: "scenario", targetId: replyId, reason: "spam" }))).toBe("NotFound");
    expect(await outcome(createFlag(member, { targetType: "user", targetId: author.actor.id, reason: "spam" }))).toBe("ValidationFailed");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: replyId, reason: "other" }))).toBe("ValidationFailed");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: replyId, reason: "other", note: "   " }))).toBe("ValidationFailed");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: replyId, reason: "rude" }))).toBe("ValidationFailed");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: `a\u0000b`, reason: "spam" }))).toBe("ValidationFailed");
    expect(await outcome(createFlag(member, { targetType: "reply", targetId: "x".repeat(10_240), reason: "spam" }))).toBe("ValidationFailed");
    expect(await countRows(flags)).toBe(before);
    const withNote = await createFlag(member, { targetType: "reply", targetId: replyId, reason: "other", note: "  Off the rails  " });
    expect(withNote.note).toBe("Off the rails");
  });

  it("lets accounts younger than a day flag only three items a day", async () => {
    const newbie = await createActor("member", { createdAt: new Date() });
    const targets = await Promise.all([1, 2, 3, 4].map(() => freshScenario()));
    const outcomes = [];
    for (const targetId of targets) outcomes.push(await outcome(createFlag(newbie, { targetType: "scenario", targetId, reason: "spam" })));
    expect(outcomes).toEqual(["ok", "ok", "ok", "RateLimited"]);
    // A new account's flag weighs 1: no standing yet.
    expect((await queueRow("scenario", targets[0]!))!.score).toBe(1);
  });

  it("withdraws: only the flagger, idempotently; the target leaves the queue with its last open flag", async () => {
    const target = await freshScenario();
    const [one, two] = [await createActor(), await createActor()];
    const first = await createFlag(one, { targetType: "scenario", targetId: target, reason: "duplicate" });
    const second = await createFlag(two, { targetType: "scenario", targetId: target, reason: "off_topic" });
    expect(await outcome(withdrawFlag(two, { flagId: first.id }))).toBe("NotFound");
    await withdrawFlag(one, { flagId: first.id });
    await withdrawFlag(one, { flagId: first.id });
    expect(await queueRow("scenario", target)).toMatchObject({ state: "open", openFlags: 1, score: flagScore(1, 0, 0) });
    await withdrawFlag(two, { flagId: second.id });
    expect(await queueRow("scenario", target)).toMatchObject({ state: "closed", openFlags: 0, score: 0 });
    // Withdrawn, the member may flag it again.
    await createFlag(one, { targetType: "scenario", targetId: target, reason: "spam" });
    expect(await queueRow("scenario", target)).toMatchObject({ state: "open", openFlags: 1 });
  });

  it("marks a target auto-hidden when its open weight reaches the threshold, and not before", async () => {
    const target = await freshScenario();
    // Week-old members (standing 1) weigh 2 each: the default threshold of 10 is reached by the fifth.
    const states = [];
    for (let i = 0; i < 5; i++) {
      await createFlag(await createActor(), { targetType: "scenario", targetId: target, reason: "abuse" });
      const row = await queueRow("scenario", target);
      states.push([row!.score, row!.state, row!.autoHiddenAt !== null]);
    }
    expect(states).toEqual([
      [2, "open", false],
      [4, "open", false],
      [6, "open", false],
      [8, "open", false],
      [10, "autohidden", true],
    ]);
  });

  it("weighs staff flags and flaggers' past records as Discourse does", async () => {
    expect(flagScore(5, 0, 0)).toBe(6);
    expect(accuracyBonus(5, 0)).toBe(0);
    expect(accuracyBonus(6, 0)).toBeGreaterThan(0);
    expect(accuracyBonus(0, 6)).toBeLessThan(0);
    expect(accuracyBonus(7, 3)).toBe(0);
    const moderator = await createActor("moderator");
    await createFlag(moderator, { targetType: "reply", targetId: replyId, reason: "illegal" });
    const [row] = await (await getDb()).select().from(flags).where(and(eq(flags.reporterId, moderator.actor.id)));
    expect(row!.weight).toBe(6);
  });
});

describe("flags over HTTP", () => {
  it("answers 201, 409, 403, 400 and 204 in the contract's shape", async () => {
    const server = await startApiServer();
    const client = api(server.url);
    try {
      const email = `flagger${Math.random().toString(36).slice(2, 8)}@example.test`;
      expect((await client.post("/api/v1/accounts", { email, password: "correct horse battery", name: "Flagger" })).status).toBe(201);
      await (await getDb()).update(users).set({ createdAt: new Date(Date.now() - 7 * 86_400_000) }).where(eq(users.email, email));
      const { body } = await client.post("/api/v1/tokens", { email, password: "correct horse battery" });
      const token = body.token as string;
      const target = await freshScenario();
      const made = await client.post("/api/v1/flags", { targetType: "scenario", targetId: target, reason: "spam" }, { token });
      expect(made.status).toBe(201);
      expect(made.body.flag).toMatchObject({ id: expect.any(String), reason: "spam", status: "open" });
      expect((await client.post("/api/v1/flags", { targetType: "scenario", targetId: target, reason: "spam" }, { token })).body.error.code).toBe("conflict");
      const bad = await client.post("/api/v1/flags", { targetType: "scenario", targetId: target, reason: "other" }, { token });
      expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, "validation_failed", "note"]);
      expect((await client.post("/api/v1/flags", { targetType: "scenario", targetId: target, reason: "spam" })).status).toBe(401);
      expect((await client.delete(`/api/v1/flags/${made.body.flag.id}`, { token })).status).toBe(204);
      expect((await client.delete(`/api/v1/flags/${made.body.flag.id}`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
