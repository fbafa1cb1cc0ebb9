import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { communityForecastPoints, forecastScores, forecasts, scenarios } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { anonymous } from "@/lib/auth/actor";
import { flushCommunity, readCommunity, recomputeIfRacedBy, recomputeStaleCommunities } from "@/lib/forecasts/community";
import { getForecast, getForecastHistory, listMyForecasts, submitForecast } from "@/lib/forecasts/forecasts";
import { listPostScores, resolvePost } from "@/lib/forecasts/resolution";
import { Forbidden, Locked, NotFound, Suspended, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { getPost } from "@/lib/forum/posts";
import { createScenario, listScenarios } from "@/lib/forum/scenarios";
import { createActor } from "../support/actors";
import { addPost } from "../support/forum";

let postId: string;
let a: string;
let b: string;

beforeAll(async () => {
  postId = (await getPost(anonymous, { idOrSlug: seedSlug })).id;
  const author = await createActor();
  a = (await createScenario(author, { postId, title: "Balance holds", body: "Both tracks" })).id;
  b = (await createScenario(author, { postId, title: "Escalation wins", body: "Alliance first" })).id;
});

async function forecastCount() {
  const [row] = await (await getDb()).select({ n: count() }).from(forecasts);
  return row!.n;
}

describe("submitForecast", () => {
  it("keeps one current forecast per member and the older ones in the history", async () => {
    const member = await createActor();
    await submitForecast(member, { postId, probabilities: { [a]: 60, [b]: 30, other: 10 } });
    const { forecast } = await submitForecast(member, { postId, probabilities: { [a]: 20, other: 80 } });
    expect(forecast).toMatchObject({ probabilities: { [a]: 20 }, other: 80 });
    expect((await getForecast(member, { postId })).mine).toMatchObject({ probabilities: { [a]: 20 }, other: 80 });
    expect((await listMyForecasts(member, { postId })).map((f) => f.other)).toEqual([10, 80]);
  });

  it("keeps exactly one current forecast when one member's submissions race", async () => {
    const post = await addPost();
    const member = await createActor();
    const { id: only } = await createScenario(await createActor(), { postId: post.id, title: "The only one", body: "Alone" });
    const others = [10, 20, 30, 40, 50, 60, 70, 80];
    await Promise.all(others.map((other) => submitForecast(member, { postId: post.id, probabilities: { [only]: 100 - other, other } })));
    const rows = await (await getDb()).select().from(forecasts).where(eq(forecasts.userId, member.actor!.id));
    expect(rows).toHaveLength(others.length);
    const current = rows.filter((row) => row.isCurrent);
    expect(current).toHaveLength(1);
    expect((await getForecast(member, { postId: post.id })).mine?.other).toBe(current[0]!.other);
  });

  // `A` stands for the first scenario's id.
  it.each([
    ["a sum below 100", { other: 90 }],
    ["a value over 100", { other: 101 }],
    ["a negative value", { other: -10, A: 110 }],
    ["fractions", { other: 50.5, A: 49.5 }],
    ["NaN", { other: Number.NaN, A: 100 }],
    ["Infinity", { other: Number.POSITIVE_INFINITY }],
    ["a string", { other: "100" }],
    ["an unknown scenario", { "no-such-scenario": 50, other: 50 }],
    ["no other", { A: 100 }],
    ["not an object", "not an object"],
  ])("refuses %s, storing nothing", async (_label, given) => {
    const member = await createActor();
    const before = await forecastCount();
    const probabilities =
      typeof given === "object" ? Object.fromEntries(Object.entries(given).map(([key, value]) => [key === "A" ? a : key, value])) : given;
    await expect(submitForecast(member, { postId, probabilities })).rejects.toBeInstanceOf(ValidationFailed);
    expect(await forecastCount()).toBe(before);
  });

  it("refuses a hidden or another post's scenario", async () => {
    const db = await getDb();
    const member = await createActor();
    const hidden = await createScenario(await createActor(), { postId, title: "Soon hidden", body: "Hidden later" });
    await db.update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, hidden.id));
    await expect(submitForecast(member, { postId, probabilities: { [hidden.id]: 50, other: 50 } })).rejects.toBeInstanceOf(ValidationFailed);
  });

  it("refuses anonymous and suspended members, and unknown posts", async () => {
    await expect(submitForecast(anonymous, { postId, probabilities: { other: 100 } })).rejects.toBeInstanceOf(Unauthenticated);
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) });
    await expect(submitForecast(suspended, { postId, probabilities: { other: 100 } })).rejects.toBeInstanceOf(Suspended);
    await expect(submitForecast(await createActor(), { postId: "nope", probabilities: { other: 100 } })).rejects.toBeInstanceOf(NotFound);
  });
});

describe("the community forecast", () => {
  it("stays hidden until five members have forecast, then sums to 100 and records its history", async () => {
    const fresh = await createActor();
    const own = await createScenario(fresh, { postId, title: "Third way", body: "Neither" });
    // One member from the first test has forecast; four more reach the threshold of five.
    await flushCommunity();
    expect((await getForecast(anonymous, { postId })).community).toMatchObject({ revealed: false, forecasters: 1 });
    for (const split of [[50, 30, 10, 10], [40, 40, 10, 10], [70, 10, 10, 10], [30, 30, 30, 10]] as const) {
      await submitForecast(await createActor(), { postId, probabilities: { [a]: split[0], [b]: split[1], [own.id]: split[2], other: split[3] } });
    }
    await flushCommunity();
    const { community } = await getForecast(anonymous, { postId });
    expect(community.revealed).toBe(true);
    expect(community.forecasters).toBe(5);
    const total = Object.values(community.scenarios).reduce((sum, s) => sum + s.probability * 10, 0) + community.other!.probability * 10;
    expect(Math.round(total)).toBe(1000);
    for (const band of Object.values(community.scenarios)) expect(band.low <= band.probability && band.probability <= band.high).toBe(true);
    const history = await getForecastHistory(anonymous, { postId, scenarioId: a });
    expect(history.points.at(-1)).toMatchObject({ probability: community.scenarios[a]!.probability, forecasters: 5 });
    expect((await getForecastHistory(anonymous, { postId, scenarioId: "other" })).points.length).toBeGreaterThan(0);
    await expect(getForecastHistory(anonymous, { postId, scenarioId: "nope" })).rejects.toBeInstanceOf(NotFound);

    const { scenarios } = await listScenarios(anonymous, { postId, sort: "probability" });
    const shown = scenarios.filter((s) => s.community).map((s) => s.community!.probability);
    expect(shown).toEqual([...shown].sort((x, y) => y - x));
  });
});

describe("recomputeStaleCommunities", () => {
  // A second submission committed, and its process was killed within the quarter second before recomputing:
  // stamped after the figure, or before it when it committed while the figure was being recomputed.
  it.each([
    ["after the recorded figure", 1000],
    ["while the recorded figure was being recomputed", -100],
  ])("recomputes at start a community forecast whose process died before recomputing it: last submission %s", async (_, offsetMs) => {
    const post = await addPost();
    const { id: only } = await createScenario(await createActor(), { postId: post.id, title: "Before the crash", body: "Recorded" });
    await submitForecast(await createActor(), { postId: post.id, probabilities: { [only]: 40, other: 60 } });
    await flushCommunity();
    const db = await getDb();
    const [figure] = await db.select({ at: communityForecastPoints.at }).from(communityForecastPoints).where(eq(communityForecastPoints.postId, post.id)).orderBy(desc(communityForecastPoints.at)).limit(1);
    const createdAt = new Date(figure!.at.getTime() + offsetMs);
    await db.insert(forecasts).values({ postId: post.id, userId: (await createActor()).actor!.id, probabilities: { [only]: 80 }, other: 20, createdAt });
    expect((await readCommunity(post.id)).forecasters).toBe(1);
    await recomputeStaleCommunities();
    expect((await readCommunity(post.id)).forecasters).toBe(2);
  });
});

describe("recomputeIfRacedBy", () => {
  /** The scenario ids in a post's latest recorded community figure. */
  async function figureScenarios(post: string) {
    const db = await getDb();
    const points = await db.select({ at: communityForecastPoints.at, scenarioId: communityForecastPoints.scenarioId }).from(communityForecastPoints).where(eq(communityForecastPoints.postId, post));
    const latest = Math.max(...points.map((p) => p.at.getTime()));
    return points.filter((p) => p.at.getTime() === latest && p.scenarioId !== null).map((p) => p.scenarioId).sort();
  }

  it.each([
    // The scenario's transaction began before a submission and committed after that submission's figure was read.
    ["recomputes the figure when a submission raced the scenario's creation", -1, true],
    ["leaves it when every forecast is older than the scenario", 1000, false],
  ])("%s", async (_, offsetMs, counted) => {
    const post = await addPost();
    const author = await createActor();
    const { id: first } = await createScenario(author, { postId: post.id, title: "First", body: "Known to all" });
    await submitForecast(await createActor(), { postId: post.id, probabilities: { [first]: 40, other: 60 } });
    await flushCommunity();
    const created = await createScenario(author, { postId: post.id, title: "Second", body: "Racing a forecast" });
    const db = await getDb();
    const [latest] = await db.select({ at: forecasts.createdAt }).from(forecasts).where(and(eq(forecasts.postId, post.id), forecasts.isCurrent));
    const createdAt = new Date(latest!.at.getTime() + offsetMs);
    await db.update(scenarios).set({ createdAt }).where(eq(scenarios.id, created.id));
    await recomputeIfRacedBy({ postId: post.id, createdAt: createdAt.toISOString() });
    await flushCommunity();
    expect(await figureScenarios(post.id)).toEqual(counted ? [first, created.id].sort() : [first]);
  });
});

describe("resolution", () => {
  it("is for moderators, scores every forecaster, and closes forecasting", async () => {
    const member = await createActor();
    await expect(resolvePost(member, { postId, outcome: "other" })).rejects.toBeInstanceOf(Forbidden);
    const moderator = await createActor("moderator");
    await expect(resolvePost(moderator, { postId, outcome: "scenario" })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(resolvePost(moderator, { postId, outcome: "other", scenarioId: a })).rejects.toBeInstanceOf(ValidationFailed);
    const resolution = await resolvePost(moderator, { postId, outcome: "scenario", scenarioId: a, note: "It happened" });
    expect(resolution).toMatchObject({ outcome: "scenario", scenarioId: a, scored: 5 });
    const scores = await listPostScores(anonymous, { postId });
    expect(scores).toHaveLength(5);
    for (const score of scores) expect(score.brier).toBeGreaterThanOrEqual(0);
    expect(scores.map((s) => s.brier)).toEqual([...scores.map((s) => s.brier)].sort((x, y) => x - y));
    await expect(submitForecast(member, { postId, probabilities: { other: 100 } })).rejects.toBeInstanceOf(Locked);
    await expect(resolvePost(moderator, { postId, outcome: "other" })).rejects.toBeInstanceOf(Locked);
    const [stored] = await (await getDb()).select({ n: count() }).from(forecastScores).where(eq(forecastScores.postId, postId));
    expect(stored!.n).toBe(5);
  });
});
