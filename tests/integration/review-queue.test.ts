import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { flaggerStats, flags, moderationLog, reviewItems } from "@/db/schema";
import { createScenario } from "@/lib/forum/scenarios";
import { accuracyBonus, flagScore } from "@/lib/moderation/flag-score";
import { createFlag } from "@/lib/moderation/flags";
import { decideQueueItem, listQueue } from "@/lib/moderation/review-queue";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome } from "../support/forum";

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

describe("review queue", () => {
  it("lists open targets highest score first with flags, flaggers, text and author; moderators only", async () => {
    const small = await flaggedScenario(1);
    const big = await flaggedScenario(3);
    const { items } = await listQueue(moderator, { status: "open" });
    const ids = items.map((item) => item.targetId);
    expect(ids.indexOf(big.id)).toBeLessThan(ids.indexOf(small.id));
    const bigItem = items.find((item) => item.targetId === big.id)!;
    expect(bigItem).toMatchObject({ targetType: "scenario", score: 6, state: "open", autoHidden: false, version: 3 });
    expect(bigItem.flags).toHaveLength(3);
    expect(bigItem.flags[0]).toMatchObject({ reason: "other", note: "Looks copied", by: { id: big.members[0]!.actor.id } });
    expect(bigItem.target).toMatchObject({ id: big.id, postId, body: "Body", author: { id: author.actor.id } });
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
