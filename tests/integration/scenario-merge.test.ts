import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, forecasts, moderationLog, replies, scenarios, votes } from "@/db/schema";
import { anonymous, type Context } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { flushCommunity, readCommunity } from "@/lib/forecasts/community";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { createReply, listReplies } from "@/lib/forum/replies";
import { createScenario, getScenario, listScenarioRevisions, listScenarios, updateScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { listEvents } from "@/lib/live/events";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { moderateContent } from "@/lib/moderation/content-actions";
import { mergeScenario, unmergeScenario } from "@/lib/moderation/scenario-merge";
import { listNotifications } from "@/lib/notify/notifications";
import { createActor } from "../support/actors";
import { startApiServer } from "../support/api-server";
import { addPost, countRows, outcome, postEvents } from "../support/forum";
import { api } from "../support/http";
import { recountContent, storedContentCounters, voteCounterDrift } from "../support/recount";

type Member = Awaited<ReturnType<typeof createActor>>;
let moderator: Member;
let author: Member;
let targetAuthor: Member;

beforeAll(async () => {
  [moderator, author, targetAuthor] = await Promise.all([createActor("moderator"), createActor(), createActor()]);
});

let serial = 0;
async function scenarioOn(postId: string, by: Context = author) {
  serial += 1;
  return createScenario(by, { postId, title: `Scenario ${serial} ${Math.random()}`, body: `The merged words of scenario ${serial}` });
}

/** Every row a merge may move, and every counter it may change, as stored now (ordered, so two reads compare). */
async function rowsOf(postId: string, ids: string[]) {
  const db = await getDb();
  const [voteRows, replyRows, forecastRows, scenarioRows, content] = await Promise.all([
    db.select({ userId: votes.userId, scenarioId: votes.scenarioId, value: votes.value }).from(votes).where(inArray(votes.scenarioId, ids)).orderBy(asc(votes.userId), asc(votes.scenarioId)),
    db.select({ id: replies.id, scenarioId: replies.scenarioId, path: replies.path }).from(replies).where(eq(replies.postId, postId)).orderBy(asc(replies.id)),
    db.select({ id: forecasts.id, probabilities: forecasts.probabilities, other: forecasts.other, isCurrent: forecasts.isCurrent }).from(forecasts).where(eq(forecasts.postId, postId)).orderBy(asc(forecasts.id)),
    db
      .select({ id: scenarios.id, status: scenarios.status, mergedIntoId: scenarios.mergedIntoId, score: scenarios.score, up: scenarios.up, down: scenarios.down, replyCount: scenarios.replyCount })
      .from(scenarios)
      .where(eq(scenarios.postId, postId))
      .orderBy(asc(scenarios.id)),
    storedContentCounters(postId),
  ]);
  return { voteRows, replyRows, forecastRows, scenarioRows, content };
}

async function expectCountersEqualRecount(postId: string, ids: string[]) {
  expect(await voteCounterDrift(ids)).toEqual([]);
  expect(await storedContentCounters(postId)).toEqual(await recountContent(postId));
}

const sum = (distribution: Record<string, number>, other: number) => Object.values(distribution).reduce((a, b) => a + b, other);

/**
 * A post with three scenarios: `merged` goes into `target`, `other` stands by. Votes cover each case of "one vote
 * per member": only on the merged one, on both, retracted on the target, and the target's author's own.
 */
async function mergeFixture() {
  const post = await addPost();
  const merged = await scenarioOn(post.id);
  const target = await scenarioOn(post.id, targetAuthor);
  const other = await scenarioOn(post.id);
  const [onlyMerged, both, onlyTarget, retracted] = [await createActor(), await createActor(), await createActor(), await createActor()];
  await castVote(onlyMerged, { scenarioId: merged.id, value: 1 });
  await castVote(both, { scenarioId: merged.id, value: -1 });
  await castVote(both, { scenarioId: target.id, value: 1 });
  await castVote(onlyTarget, { scenarioId: target.id, value: -1 });
  await castVote(retracted, { scenarioId: target.id, value: 1 });
  await castVote(retracted, { scenarioId: target.id, value: 0 });
  await castVote(retracted, { scenarioId: merged.id, value: 1 });
  await castVote(targetAuthor, { scenarioId: merged.id, value: 1 });
  const root = await createReply(onlyMerged, { scenarioId: merged.id, body: "A reply under the merged scenario" });
  await createReply(both, { scenarioId: merged.id, parentId: root.id, body: "A nested reply under it" });
  const hiddenReply = await createReply(both, { scenarioId: merged.id, body: "A reply a moderator hides" });
  await moderateContent(moderator, { targetType: "reply", targetId: hiddenReply.id, action: "hide", reason: "Rude" });
  await createReply(onlyTarget, { scenarioId: target.id, body: "A reply under the target" });
  const forecasters = await Promise.all(Array.from({ length: 5 }, () => createActor()));
  const shapes = [
    { [merged.id]: 30, [target.id]: 20, [other.id]: 10, other: 40 },
    { [merged.id]: 50, [other.id]: 25, other: 25 },
    { [target.id]: 60, [other.id]: 30, other: 10 },
    { [merged.id]: 0, [target.id]: 100, other: 0 },
    { [merged.id]: 45, [target.id]: 45, other: 10 },
  ];
  for (const [i, f] of forecasters.entries()) await submitForecast(f, { postId: post.id, probabilities: shapes[i]! });
  // One forecast replaced: the history row keeps its share of the merged scenario, the current one moves.
  await submitForecast(forecasters[0]!, { postId: post.id, probabilities: { [merged.id]: 35, [target.id]: 15, [other.id]: 10, other: 40 } });
  await flushCommunity();
  return { post, merged, target, other, voters: { onlyMerged, both, onlyTarget, retracted }, ids: [merged.id, target.id, other.id] };
}

describe("merge and unmerge", () => {
  it("moves replies, one vote per member and forecast shares, keeps counters equal to a recount, and unmerge puts every row back", async () => {
    const { post, merged, target, other, voters, ids } = await mergeFixture();
    const communityBefore = await readCommunity(post.id);
    const eventsBefore = (await postEvents(post.id)).length;

    await updateScenario(author, { scenarioId: merged.id, body: "An edit, so an earlier version is kept" });
    const before = await rowsOf(post.id, ids);
    const result = await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Same scenario twice" });
    expect(result.scenario).toMatchObject({ id: target.id, status: "visible", replyCount: 3, up: 3, down: 1, score: 2 });
    expect(result.entry).toMatchObject({ action: "merge", targetType: "scenario", targetId: merged.id, reason: "Same scenario twice", change: { into: target.id, version: 1, status: { from: "visible", to: "merged" } } });
    await expectCountersEqualRecount(post.id, ids);

    const db = await getDb();
    const votesNow = await db.select({ userId: votes.userId, scenarioId: votes.scenarioId, value: votes.value }).from(votes).where(inArray(votes.scenarioId, ids));
    const voteOf = (userId: string, scenarioId: string) => votesNow.find((v) => v.userId === userId && v.scenarioId === scenarioId)?.value;
    expect(voteOf(voters.onlyMerged.actor.id, target.id)).toBe(1); // moved
    expect(voteOf(voters.both.actor.id, target.id)).toBe(1); // the target's vote wins
    expect(voteOf(voters.retracted.actor.id, target.id)).toBe(1); // no vote on the target: the merged one counts there
    expect(voteOf(targetAuthor.actor.id, target.id)).toBeUndefined(); // nobody votes on their own scenario
    expect(votesNow.filter((v) => v.scenarioId === target.id && v.value !== 0)).toHaveLength(4);

    const current = await db.select().from(forecasts).where(and(eq(forecasts.postId, post.id), eq(forecasts.isCurrent, true)));
    expect(current).toHaveLength(5);
    for (const f of current) {
      expect(sum(f.probabilities, f.other)).toBe(100);
      expect(f.probabilities[merged.id]).toBeUndefined();
    }
    expect(current.map((f) => f.probabilities[target.id]).sort((a, b) => a! - b!)).toEqual([50, 50, 60, 90, 100]);
    const history = await db.select().from(forecasts).where(and(eq(forecasts.postId, post.id), eq(forecasts.isCurrent, false)));
    expect(history.map((f) => f.probabilities[merged.id])).toEqual([30]);

    expect((await listReplies(anonymous, { scenarioId: target.id })).replies.filter((r) => r.status === "visible")).toHaveLength(3);
    expect(await countRows(replies, eq(replies.scenarioId, target.id))).toBe(4); // the hidden one moved too

    // Its link leads to the target; its text is gone for readers, in reads, lists and the replay.
    for (const who of [anonymous, voters.onlyTarget] as Context[]) {
      expect(await getScenario(who, { scenarioId: merged.id })).toMatchObject({ status: "merged", mergedInto: target.id, title: "", body: "", html: "" });
      expect((await listScenarios(who, { postId: post.id })).scenarios.map((s) => s.id).sort()).toEqual([target.id, other.id].sort());
      expect(JSON.stringify((await listEvents(who, { postId: post.id, after: 0 })).events)).not.toContain(merged.title);
      expect((await listScenarioRevisions(who, { scenarioId: merged.id })).revisions).toEqual([]);
    }
    expect((await getScenario(moderator, { scenarioId: merged.id })).title).toBe(merged.title);
    expect((await listScenarioRevisions(moderator, { scenarioId: merged.id })).revisions).toHaveLength(1);
    expect(JSON.stringify((await listEvents(moderator, { postId: post.id, after: 0 })).events)).toContain(merged.title);

    await flushCommunity();
    const communityMerged = await readCommunity(post.id);
    expect(communityMerged.scenarios[merged.id]).toBeUndefined();
    expect(communityMerged.scenarios[target.id]!.probability).toBeGreaterThan(communityBefore.scenarios[target.id]!.probability);

    const mergedEvent = (await postEvents(post.id)).find((e) => e.type === "scenario.merged");
    expect(mergedEvent?.data).toMatchObject({ targetType: "scenario", targetId: merged.id, into: target.id, scenarioCount: 2, version: 1 });
    expect((mergedEvent?.data as { scenarios: { id: string }[] }).scenarios.map((s) => s.id).sort()).toEqual([merged.id, target.id].sort());
    expect(await countRows(moderationLog, and(eq(moderationLog.targetId, merged.id), eq(moderationLog.action, "merge")))).toBe(1);

    const told = (await listNotifications(author, { locale: "en" })).notifications.find((n) => n.type === "moderation" && n.targetId === merged.id);
    expect(told?.text).toBe(`A moderator merged your scenario “${merged.title}” into another. Reason: Same scenario twice`);
    const toldAr = (await listNotifications(author, { locale: "ar" })).notifications.find((n) => n.targetId === merged.id);
    expect(toldAr?.text).toBe(`دمج مشرف سيناريوك «${merged.title}» في سيناريو آخر. السبب: Same scenario twice`);

    const undone = await unmergeScenario(moderator, { scenarioId: merged.id, reason: "They differ after all", version: 1 });
    expect(undone.scenario).toMatchObject({ id: merged.id, status: "visible", mergedInto: null, title: merged.title });
    expect(undone.entry).toMatchObject({ action: "unmerge", change: { status: { from: "merged", to: "visible" }, from: target.id, version: 2 } });
    expect(await rowsOf(post.id, ids)).toEqual(before);
    await expectCountersEqualRecount(post.id, ids);
    const unmergedEvent = (await postEvents(post.id)).find((e) => e.type === "scenario.unmerged");
    expect(unmergedEvent?.data).toMatchObject({ targetId: merged.id, from: target.id, scenarioCount: 3, scenario: { id: merged.id, title: merged.title } });
    await flushCommunity();
    expect((await readCommunity(post.id)).scenarios).toEqual(communityBefore.scenarios);
    expect((await postEvents(post.id)).length).toBeGreaterThan(eventsBefore + 2);
  });

  it("answers a repeat with the current state and writes nothing", async () => {
    const { post, merged, target } = await mergeFixture();
    expect(await outcome(unmergeScenario(moderator, { scenarioId: merged.id, reason: "Not merged" }))).toBe("ok");
    await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Duplicate" });
    // The fixture's votes and forecasts are announced after their writes, coalesced: send those first.
    await Promise.all([flushCommunity(), flushVoteTotals()]);
    const [logged, sent] = [await countRows(moderationLog, eq(moderationLog.targetId, merged.id)), (await postEvents(post.id)).length];
    const again = await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Duplicate", version: 0 });
    expect(again).toMatchObject({ scenario: { id: target.id }, entry: null });
    expect(await countRows(moderationLog, eq(moderationLog.targetId, merged.id))).toBe(logged);
    expect((await postEvents(post.id)).length).toBe(sent);
  });

  it("merges a hidden scenario and unmerges it back to hidden, counting visible scenarios right", async () => {
    const { post, merged, target, ids } = await mergeFixture();
    await moderateContent(moderator, { targetType: "scenario", targetId: merged.id, action: "hide", reason: "Spam" });
    const before = await rowsOf(post.id, ids);
    await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Duplicate", version: 1 });
    await expectCountersEqualRecount(post.id, ids);
    await unmergeScenario(moderator, { scenarioId: merged.id, reason: "Undo", version: 2 });
    expect(await rowsOf(post.id, ids)).toEqual(before);
    await expectCountersEqualRecount(post.id, ids);
  });

  it("refuses a chain undone out of order: the scenario it went into has to be unmerged first", async () => {
    const { merged, target, other } = await mergeFixture();
    await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Duplicate" });
    await mergeScenario(moderator, { scenarioId: target.id, into: other.id, reason: "Duplicate too" });
    expect(await outcome(unmergeScenario(moderator, { scenarioId: merged.id, reason: "Undo" }))).toBe("Conflict");
    await unmergeScenario(moderator, { scenarioId: target.id, reason: "Undo" });
    expect(await outcome(unmergeScenario(moderator, { scenarioId: merged.id, reason: "Undo" }))).toBe("ok");
  });

  it("refuses bad input and stale versions with nothing written", async () => {
    const { post, merged, target, other, voters, ids } = await mergeFixture();
    const elsewhere = await scenarioOn((await addPost()).id);
    const hidden = await scenarioOn(post.id);
    await moderateContent(moderator, { targetType: "scenario", targetId: hidden.id, action: "hide", reason: "Spam" });
    const gone = await scenarioOn(post.id);
    await mergeScenario(moderator, { scenarioId: gone.id, into: other.id, reason: "Duplicate" });
    await moderateContent(moderator, { targetType: "scenario", targetId: merged.id, action: "lock", reason: "Heated" }); // version 1
    const allIds = [...ids, hidden.id, gone.id];
    // The hide's and the merge's coalesced forecast events and the fixture's vote totals, before counting.
    await Promise.all([flushCommunity(), flushVoteTotals()]);
    const before = await rowsOf(post.id, allIds);
    const [logged, sent] = [await countRows(moderationLog), (await postEvents(post.id)).length];

    const merge = (input: Record<string, unknown>, by: Context = moderator) => outcome(mergeScenario(by, { scenarioId: merged.id, into: target.id, reason: "Duplicate", ...input }));
    expect(await merge({ into: merged.id })).toBe("ValidationFailed");
    expect(await merge({ into: elsewhere.id })).toBe("ValidationFailed");
    expect(await merge({ into: hidden.id })).toBe("Conflict");
    expect(await merge({ into: gone.id })).toBe("Conflict");
    expect(await merge({ into: "no-such-scenario" })).toBe("NotFound");
    expect(await merge({ scenarioId: "no-such-scenario" })).toBe("NotFound");
    expect(await merge({ reason: undefined })).toBe("ValidationFailed");
    expect(await merge({ reason: "   " })).toBe("ValidationFailed");
    expect(await merge({ into: undefined })).toBe("ValidationFailed");
    expect(await merge({ scenarioId: "a\u0000b" })).toBe("ValidationFailed");
    expect(await merge({ into: "x".repeat(10_240) })).toBe("ValidationFailed");
    expect(await merge({ version: 0 })).toBe("Conflict"); // the lock moved it to version 1
    expect(await merge({}, voters.both)).toBe("Forbidden");
    expect(await merge({}, anonymous)).toBe("Unauthenticated");
    expect(await outcome(unmergeScenario(moderator, { scenarioId: gone.id, reason: "Undo", version: 0 }))).toBe("Conflict");
    expect(await outcome(unmergeScenario(voters.both, { scenarioId: gone.id, reason: "Undo" }))).toBe("Forbidden");

    expect(await rowsOf(post.id, allIds)).toEqual(before);
    expect(await countRows(moderationLog)).toBe(logged);
    expect((await postEvents(post.id)).length).toBe(sent);
    const conflict = await mergeScenario(moderator, { scenarioId: merged.id, into: target.id, reason: "Duplicate", version: 0 }).catch((e: Error) => e);
    expect((conflict as Error).message).toContain(`@${moderator.actor.handle} locked it`);
  });
});

describe("the HTTP API", () => {
  let server: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("merges and unmerges at /mod/scenario/{id}/merge and /unmerge, with the contract's errors", async () => {
    const { merged, target } = await mergeFixture();
    const client = api(server.url);
    const token = (await issueTokenToMember(moderator, { label: "mod" })).token;
    const memberToken = (await issueTokenToMember(author, { label: "member" })).token;
    const path = (action: string) => `/api/v1/mod/scenario/${merged.id}/${action}`;

    expect((await client.post(path("merge"), { into: target.id }, { token })).body.error.code).toBe("validation_failed");
    expect((await client.post(path("merge"), { into: merged.id, reason: "Self" }, { token })).status).toBe(400);
    expect((await client.post(path("merge"), { into: "nope", reason: "Gone" }, { token })).status).toBe(404);
    expect((await client.post(path("merge"), { into: target.id, reason: "Duplicate" }, { token: memberToken })).status).toBe(403);
    expect((await client.post(path("merge"), { into: target.id, reason: "Duplicate", version: 7 }, { token })).status).toBe(409);

    const merge = await client.post(path("merge"), { into: target.id, reason: "Duplicate" }, { token });
    expect(merge.status).toBe(200);
    expect(merge.body).toMatchObject({ scenario: { id: target.id, status: "visible" }, entry: { action: "merge" } });
    const read = await client.get(`/api/v1/scenarios/${merged.id}`);
    expect(read.body.scenario).toMatchObject({ id: merged.id, status: "merged", mergedInto: target.id });
    expect(read.text).not.toContain(merged.title);

    const unmerge = await client.post(path("unmerge"), { reason: "Undo", version: 1 }, { token });
    expect(unmerge.status).toBe(200);
    expect(unmerge.body).toMatchObject({ scenario: { id: merged.id, status: "visible", mergedInto: null }, entry: { action: "unmerge" } });
    expect((await client.post(path("unmerge"), { reason: "Again" }, { token })).body).toMatchObject({ entry: null });
    expect(await countRows(events, and(eq(events.postId, merged.postId), eq(events.type, "scenario.unmerged")))).toBe(1);
  });
});
