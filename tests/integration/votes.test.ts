import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { events, scenarios, votes, type Post } from "@/db/schema";
import { anonymous, type Actor, type Context } from "@/lib/auth/actor";
import { createScenario, getScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { createActor } from "../support/actors";
import { addPost, outcome, postEvents, readPost, seededRandom, setPost } from "../support/forum";
import { recountVotes, storedVoteCounters, voteCounterDrift } from "../support/recount";

type Member = Context & { actor: Actor };
const flushDelayMs = 250;

// A vote marks its post for a coalesced announcement 250 ms later; announce what is pending before the database goes.
afterAll(() => flushVoteTotals());

async function scenariosOn(post: Post, count: number) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => createScenario(await createActor(), { postId: post.id, title: `Votable ${i} ${post.id}`, body: `Body ${i}` })),
  );
}

async function voteRow(userId: string, scenarioId: string) {
  const [row] = await (await getDb()).select().from(votes).where(and(eq(votes.userId, userId), eq(votes.scenarioId, scenarioId)));
  return row;
}

describe("castVote", () => {
  let post: Post;
  let target: string;
  let voter: Member;
  beforeAll(async () => {
    post = await addPost();
    target = (await scenariosOn(post, 1))[0]!.id;
    voter = await createActor();
  });

  it("ups, repeats idempotently, turns down, and retracts, each answer equal to the stored totals", async () => {
    const steps: [-1 | 0 | 1, { score: number; up: number; down: number; myVote: -1 | 0 | 1 }][] = [
      [1, { score: 1, up: 1, down: 0, myVote: 1 }],
      [1, { score: 1, up: 1, down: 0, myVote: 1 }],
      [-1, { score: -1, up: 0, down: 1, myVote: -1 }],
      [-1, { score: -1, up: 0, down: 1, myVote: -1 }],
      [0, { score: 0, up: 0, down: 0, myVote: 0 }],
      [0, { score: 0, up: 0, down: 0, myVote: 0 }],
      [-1, { score: -1, up: 0, down: 1, myVote: -1 }],
      [1, { score: 1, up: 1, down: 0, myVote: 1 }],
    ];
    for (const [value, expected] of steps) {
      expect(await castVote(voter, { scenarioId: target, value })).toEqual(expected);
      expect((await getScenario(voter, { scenarioId: target })).myVote).toBe(expected.myVote);
      expect(await voteCounterDrift([target])).toEqual([]);
    }
    expect((await voteRow(voter.actor.id, target))?.value).toBe(1);
  });

  it("adds up several members' votes", async () => {
    const others = await Promise.all([1, 2, 3].map(() => createActor()));
    await castVote(others[0]!, { scenarioId: target, value: 1 });
    await castVote(others[1]!, { scenarioId: target, value: -1 });
    const last = await castVote(others[2]!, { scenarioId: target, value: -1 });
    // The voter from the test before still holds an upvote.
    expect(last).toEqual({ score: 0, up: 2, down: 2, myVote: -1 });
    expect(await storedVoteCounters([target])).toEqual({ [target]: { score: 0, up: 2, down: 2 } });
    expect(await recountVotes([target])).toEqual({ [target]: { score: 0, up: 2, down: 2 } });
  });

  it("a first retract stores a neutral vote and changes no counter", async () => {
    const newcomer = await createActor();
    const before = await storedVoteCounters([target]);
    expect(await castVote(newcomer, { scenarioId: target, value: 0 })).toEqual({ ...before[target], myVote: 0 });
    expect(await storedVoteCounters([target])).toEqual(before);
  });

  it.each<[string, unknown]>([
    ["2", 2],
    ["-2", -2],
    ["'1'", "1"],
    ["true", true],
    ["null", null],
    ["0.5", 0.5],
    ["NaN", Number.NaN],
    ["missing", undefined],
    ["an array", [1]],
  ])("rejects value %s with ValidationFailed, changing nothing", async (_label, value) => {
    const before = await storedVoteCounters([target]);
    const rowBefore = await voteRow(voter.actor.id, target);
    expect(await outcome(castVote(voter, { scenarioId: target, value }))).toBe("ValidationFailed");
    expect(await storedVoteCounters([target])).toEqual(before);
    expect(await voteRow(voter.actor.id, target)).toEqual(rowBefore);
  });

  it("refuses a vote on one's own scenario, admins included", async () => {
    const admin = await createActor("admin");
    const own = await createScenario(admin, { postId: post.id, title: "Admin's own idea", body: "Mine" });
    const author = await createActor();
    const authored = await createScenario(author, { postId: post.id, title: "Member's own idea", body: "Mine" });
    expect(await outcome(castVote(admin, { scenarioId: own.id, value: 1 }))).toBe("Forbidden");
    expect(await outcome(castVote(author, { scenarioId: authored.id, value: -1 }))).toBe("Forbidden");
    expect(await storedVoteCounters([own.id, authored.id])).toEqual({
      [own.id]: { score: 0, up: 0, down: 0 },
      [authored.id]: { score: 0, up: 0, down: 0 },
    });
    expect(await voteRow(admin.actor.id, own.id)).toBeUndefined();
  });

  it("refuses anonymous readers and suspended members", async () => {
    const before = await storedVoteCounters([target]);
    expect(await outcome(castVote(anonymous, { scenarioId: target, value: 1 }))).toBe("Unauthenticated");
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) });
    expect(await outcome(castVote(suspended, { scenarioId: target, value: 1 }))).toBe("Suspended");
    const suspendedModerator = await createActor("moderator", { suspendedUntil: new Date(Date.now() + 60_000) });
    expect(await outcome(castVote(suspendedModerator, { scenarioId: target, value: 1 }))).toBe("Suspended");
    expect(await storedVoteCounters([target])).toEqual(before);
  });

  it("treats a hidden scenario as not found for members and counts no vote on it at all", async () => {
    const [hidden] = await scenariosOn(post, 1);
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, hidden!.id));
    expect(await outcome(castVote(voter, { scenarioId: hidden!.id, value: 1 }))).toBe("NotFound");
    expect(await outcome(castVote(await createActor("moderator"), { scenarioId: hidden!.id, value: 1 }))).toBe("Forbidden");
    expect(await storedVoteCounters([hidden!.id])).toEqual({ [hidden!.id]: { score: 0, up: 0, down: 0 } });
  });

  it("refuses a merged scenario", async () => {
    const [merged] = await scenariosOn(post, 1);
    await (await getDb()).update(scenarios).set({ status: "merged", mergedIntoId: target }).where(eq(scenarios.id, merged!.id));
    expect(await outcome(castVote(voter, { scenarioId: merged!.id, value: 1 }))).toBe("Forbidden");
  });

  it("refuses members on a locked post with Locked, keeping the totals", async () => {
    const closed = await addPost();
    const [scenario] = await scenariosOn(closed, 1);
    await castVote(voter, { scenarioId: scenario!.id, value: 1 });
    await setPost(closed.id, { isLocked: true });
    expect(await outcome(castVote(voter, { scenarioId: scenario!.id, value: -1 }))).toBe("Locked");
    expect(await outcome(castVote(await createActor(), { scenarioId: scenario!.id, value: 1 }))).toBe("Locked");
    expect(await storedVoteCounters([scenario!.id])).toEqual({ [scenario!.id]: { score: 1, up: 1, down: 0 } });
  });

  it("answers NotFound for an unknown scenario and ValidationFailed for a malformed id", async () => {
    expect(await outcome(castVote(voter, { scenarioId: "no-such-scenario", value: 1 }))).toBe("NotFound");
    expect(await outcome(castVote(voter, { scenarioId: "", value: 1 }))).toBe("ValidationFailed");
    expect(await outcome(castVote(voter, { scenarioId: 12, value: 1 }))).toBe("ValidationFailed");
  });
});

describe("castVote under concurrency", () => {
  it("keeps every scenario's up, down and score equal to a recount while 40 members vote at once", async () => {
    const post = await addPost();
    const targets = (await scenariosOn(post, 5)).map((s) => s.id);
    const members = await Promise.all(Array.from({ length: 40 }, () => createActor()));
    const seed = 20_260_401;
    const random = seededRandom(seed);
    const values = [-1, 0, 1] as const;
    // Each member votes in sequence (so their final vote per scenario is known); members run concurrently.
    const plans = members.map(() => Array.from({ length: 8 }, () => ({ scenarioId: targets[Math.floor(random() * targets.length)]!, value: values[Math.floor(random() * 3)]! })));
    await Promise.all(
      members.map(async (member, i) => {
        for (const vote of plans[i]!) await castVote(member, vote);
      }),
    );
    expect(await voteCounterDrift(targets), `seed ${seed}`).toEqual([]);
    for (const [i, member] of members.entries()) {
      const last = new Map(plans[i]!.map((v) => [v.scenarioId, v.value]));
      for (const [scenarioId, value] of last) expect((await voteRow(member.actor.id, scenarioId))?.value).toBe(value);
    }
    // A non-trivial mix, so the check above is not vacuous.
    const recount = await recountVotes(targets);
    expect(Object.values(recount).reduce((n, c) => n + c.up + c.down, 0)).toBeGreaterThan(20);
  });

  it("keeps the totals exact when members fire conflicting votes at the same scenario all at once", async () => {
    const post = await addPost();
    const targets = (await scenariosOn(post, 2)).map((s) => s.id);
    const members = await Promise.all(Array.from({ length: 15 }, () => createActor()));
    const burst: (-1 | 0 | 1)[] = [1, -1, 0, 1, -1, -1, 0, 1, 1, -1];
    const answers = await Promise.all(
      members.flatMap((member) => targets.flatMap((scenarioId) => burst.map((value) => castVote(member, { scenarioId, value })))),
    );
    expect(answers.every((a) => a.up! >= 0 && a.down! >= 0 && a.score === a.up! - a.down!)).toBe(true);
    expect(await voteCounterDrift(targets)).toEqual([]);
    // One row per member and scenario, however many votes raced to create it.
    const rows = await (await getDb()).select().from(votes).where(eq(votes.scenarioId, targets[0]!));
    expect(rows).toHaveLength(members.length);
  });

  it("keeps one member's racing votes on one scenario consistent with the row that won", async () => {
    const post = await addPost();
    const [scenario] = await scenariosOn(post, 1);
    const member = await createActor();
    for (let round = 0; round < 5; round++) {
      await Promise.all(([1, -1, 0, 1, -1, 1, 0, -1] as const).map((value) => castVote(member, { scenarioId: scenario!.id, value })));
      const row = await voteRow(member.actor.id, scenario!.id);
      const expected = { up: row!.value === 1 ? 1 : 0, down: row!.value === -1 ? 1 : 0, score: row!.value };
      expect(await storedVoteCounters([scenario!.id])).toEqual({ [scenario!.id]: expected });
    }
  });
});

describe("vote totals announcements", () => {
  /**
   * A fresh copy of castVote and the announcer it marks, so no timer or interval left by an earlier test can
   * flush in the middle of this one. Old copies' timers find nothing to do.
   */
  async function freshAnnouncer() {
    vi.resetModules();
    const { castVote: vote } = await import("@/lib/forum/votes");
    const { flushVoteTotals: flush } = await import("@/lib/live/vote-totals");
    return { vote, flush };
  }
  async function votedEventsAfter(postId: string, seq: number) {
    return (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.postId, postId), gt(events.seq, seq), eq(events.type, "scenario.voted")))
      .orderBy(events.seq);
  }
  type Totals = { id: string; score: number; up: number; down: number };
  const latestTotals = (announced: { data: Record<string, unknown> }[]) => {
    const latest = new Map<string, Totals>();
    for (const event of announced) for (const t of event.data.scenarios as Totals[]) latest.set(t.id, t);
    return latest;
  };

  it("writes one scenario.voted event per post per flush, carrying the exact totals of the scenarios voted on", async () => {
    const { vote, flush } = await freshAnnouncer();
    const [postA, postB] = await Promise.all([addPost(), addPost()]);
    const onA = (await scenariosOn(postA, 3)).map((s) => s.id);
    const onB = (await scenariosOn(postB, 2)).map((s) => s.id);
    const untouched = (await scenariosOn(postA, 1))[0]!.id;
    const [seqA, seqB] = [(await readPost(postA.id)).lastSeq, (await readPost(postB.id)).lastSeq];
    const voters = await Promise.all([1, 2, 3].map(() => createActor()));

    // A flush by call starts the interval, so no timed flush may come within 250 ms of it.
    const started = Date.now();
    await flush();
    await Promise.all(voters.flatMap((v, i) => [...onA, ...onB].map((scenarioId) => vote(v, { scenarioId, value: i === 2 ? -1 : 1 }))));
    await flush();
    const elapsed = Date.now() - started;

    // At most one timed flush per 250 ms after the first flush by call, plus the last one: within 250 ms, exactly one.
    const flushes = Math.floor(elapsed / flushDelayMs) + 1;
    for (const [postId, seq, ids] of [[postA.id, seqA, onA], [postB.id, seqB, onB]] as const) {
      const announced = await votedEventsAfter(postId, seq);
      expect(announced.length).toBeGreaterThanOrEqual(1);
      expect(announced.length, `${elapsed} ms`).toBeLessThanOrEqual(flushes);
      for (const event of announced) {
        const listed = (event.data.scenarios as Totals[]).map((t) => t.id);
        expect(new Set(listed).size).toBe(listed.length);
        expect(listed.every((id) => ids.includes(id))).toBe(true);
        expect(listed).not.toContain(untouched);
      }
      // The last announcement about each scenario holds exactly what is stored, which is exactly a recount.
      const latest = latestTotals(announced);
      expect([...latest.keys()].sort()).toEqual([...ids].sort());
      const recount = await recountVotes([...ids]);
      for (const id of ids) expect(latest.get(id)).toEqual({ id, score: 1, up: 2, down: 1, ...recount[id] });
    }
  });

  it("writes nothing when no vote changed anything", async () => {
    const { vote, flush } = await freshAnnouncer();
    const post = await addPost();
    const [scenario] = await scenariosOn(post, 1);
    const member = await createActor();
    await vote(member, { scenarioId: scenario!.id, value: 1 });
    await flush();
    const seq = (await readPost(post.id)).lastSeq;
    await vote(member, { scenarioId: scenario!.id, value: 1 });
    await vote(await createActor(), { scenarioId: scenario!.id, value: 0 });
    await flush();
    expect(await votedEventsAfter(post.id, seq)).toEqual([]);
    expect((await readPost(post.id)).lastSeq).toBe(seq);
  });

  it("turns a burst of 200 votes into a handful of events, the last one exact", async () => {
    const { vote, flush } = await freshAnnouncer();
    const post = await addPost();
    const targets = (await scenariosOn(post, 5)).map((s) => s.id);
    const members = await Promise.all(Array.from({ length: 40 }, () => createActor()));
    const seq = (await readPost(post.id)).lastSeq;
    const random = seededRandom(7);
    const plan = members.flatMap((member) => targets.map((scenarioId) => ({ member, scenarioId, value: (random() < 0.7 ? 1 : -1) as 1 | -1 })));
    expect(plan).toHaveLength(200);

    const started = Date.now();
    await flush();
    await Promise.all(plan.map(({ member, scenarioId, value }) => vote(member, { scenarioId, value })));
    await flush();
    const elapsed = Date.now() - started;

    const announced = await votedEventsAfter(post.id, seq);
    expect(announced.length).toBeGreaterThanOrEqual(1);
    expect(announced.length, `${elapsed} ms`).toBeLessThanOrEqual(Math.floor(elapsed / flushDelayMs) + 1);
    expect(announced.length).toBeLessThan(plan.length / 4);
    const outbox = (await postEvents(post.id)).filter((e) => e.seq > seq);
    expect(outbox.map((e) => e.type)).toEqual(announced.map(() => "scenario.voted"));
    const latest = latestTotals(announced);
    const recount = await recountVotes(targets);
    expect(Object.fromEntries([...latest].map(([id, { score, up, down }]) => [id, { up, down, score }]))).toEqual(recount);
    expect(await voteCounterDrift(targets)).toEqual([]);
  });

  it("keeps announcing at most once per 250 ms after a flush by call", async () => {
    const { vote, flush } = await freshAnnouncer();
    const post = await addPost();
    const [first, busy] = (await scenariosOn(post, 2)).map((s) => s.id) as [string, string];
    const voters = await Promise.all([1, 2, 3, 4].map(() => createActor()));
    const seq = (await readPost(post.id)).lastSeq;

    const started = Date.now();
    await vote(voters[0]!, { scenarioId: first, value: 1 }); // marks the post: a timed announcement is due
    await flush(); // announced now by call, as shutdown does; the timed one must not also go off later
    // The wait is part of the subject: a timer left over from before the flush would fire 100 ms out of step.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Votes keep coming for a good second; every one changes a total, so every one asks for an announcement.
    const until = Date.now() + 1_200;
    await Promise.all(
      voters.map(async (voter, i) => {
        let value: 1 | -1 = i % 2 ? 1 : -1;
        while (Date.now() < until) {
          await vote(voter, { scenarioId: busy, value });
          value = value === 1 ? -1 : 1;
          // Let timers run between votes, as they do between requests (PGlite answers without yielding).
          await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    await flush();
    const elapsed = Date.now() - started;

    const announced = await votedEventsAfter(post.id, seq);
    // One timed flush per 250 ms at most, plus the two flushes by call.
    expect(announced.length, `${announced.length} events in ${elapsed} ms`).toBeLessThanOrEqual(Math.floor(elapsed / flushDelayMs) + 2);
    expect(latestTotals(announced).get(busy)).toEqual({ id: busy, ...(await recountVotes([busy]))[busy] });
  });
});
