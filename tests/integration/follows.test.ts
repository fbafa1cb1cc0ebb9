import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { follows, posts, scenarios, users, type Post } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { createReply } from "@/lib/forum/replies";
import { createScenario, getScenario } from "@/lib/forum/scenarios";
import { followerCount, followTarget, isFollowing, unfollowTarget } from "@/lib/notify/follows";
import { updateNotificationPreferences } from "@/lib/notify/preferences";
import { startApiServer, type ApiServer } from "../support/api-server";
import { api, type ApiResponse } from "../support/http";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome } from "../support/forum";

type Member = Context & { actor: Actor };
let server: ApiServer;
let client: ReturnType<typeof api>;
let post: Post;
let serial = 0;
const text = (what: string) => `${what} ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  server = await startApiServer();
  client = api(server.url);
  post = await addPost();
});
afterAll(() => server.close());

async function tokenFor(member: Member) {
  return (await issueTokenToMember(member, { label: "tests" })).token;
}

/** Every follow row and follower counter, to show that a refused call wrote nothing. */
async function footprint() {
  const db = await getDb();
  const counters = await Promise.all([
    db.select({ n: posts.followerCount }).from(posts),
    db.select({ n: scenarios.followerCount }).from(scenarios),
    db.select({ n: users.followerCount }).from(users),
  ]);
  return { rows: await countRows(follows), counters: counters.flat().reduce((sum, r) => sum + r.n, 0) };
}

function expectError(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
}

describe("following", () => {
  it("follows and unfollows a post, a scenario and a member, idempotently, with exact counts", async () => {
    const author = await createActor();
    const reader = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    for (const [targetType, targetId] of [["post", post.id], ["scenario", scenario.id], ["user", author.actor.id]] as const) {
      const before = await followerCount(targetType, targetId);
      expect(await followTarget(reader, { targetType, targetId })).toEqual({ following: true });
      expect(await followTarget(reader, { targetType, targetId })).toEqual({ following: true });
      expect(await followerCount(targetType, targetId)).toBe(before + 1);
      expect(await isFollowing(reader, targetType, targetId)).toBe(true);
      await unfollowTarget(reader, { targetType, targetId });
      await unfollowTarget(reader, { targetType, targetId });
      expect(await followerCount(targetType, targetId)).toBe(before);
      expect(await isFollowing(reader, targetType, targetId)).toBe(false);
    }
  });

  it("counts stay equal to a recount under concurrent follows and unfollows", async () => {
    const author = await createActor();
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const readers = await Promise.all(Array.from({ length: 8 }, () => createActor()));
    await Promise.all(readers.flatMap((r) => [followTarget(r, { targetType: "scenario", targetId: scenario.id }), followTarget(r, { targetType: "scenario", targetId: scenario.id })]));
    await Promise.all(readers.slice(0, 3).map((r) => unfollowTarget(r, { targetType: "scenario", targetId: scenario.id })));
    const rows = await countRows(follows, and(eq(follows.targetType, "scenario"), eq(follows.targetId, scenario.id)));
    expect(rows).toBe(1 + 5); // the author follows their own scenario
    expect((await getScenario(author, { scenarioId: scenario.id })).followerCount).toBe(rows);
  });

  it("authors follow the scenarios they propose and reply to, unless they turned it off", async () => {
    const author = await createActor();
    const replier = await createActor();
    const quiet = await createActor();
    await updateNotificationPreferences(quiet, { autoFollow: false });
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    expect(await isFollowing(author, "scenario", scenario.id)).toBe(true);
    expect(scenario.followerCount).toBe(1);
    await createReply(replier, { scenarioId: scenario.id, body: text("Reply") });
    await createReply(replier, { scenarioId: scenario.id, body: text("Reply") });
    await createReply(quiet, { scenarioId: scenario.id, body: text("Reply") });
    expect(await isFollowing(replier, "scenario", scenario.id)).toBe(true);
    expect(await isFollowing(quiet, "scenario", scenario.id)).toBe(false);
    expect((await getScenario(author, { scenarioId: scenario.id })).followerCount).toBe(2);
    const quietScenario = await createScenario(quiet, { postId: post.id, title: text("Scenario"), body: "Body" });
    expect(quietScenario.followerCount).toBe(0);
  });

  it("hidden things are not found by members, and suspended or anonymous callers are refused", async () => {
    const hiddenPost = await addPost({ status: "hidden" });
    const member = await createActor();
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 86_400_000) });
    const moderator = await createActor("moderator");
    expect(await outcome(followTarget(member, { targetType: "post", targetId: hiddenPost.id }))).toBe("NotFound");
    expect(await outcome(followTarget(moderator, { targetType: "post", targetId: hiddenPost.id }))).toBe("ok");
    expect(await outcome(followTarget(suspended, { targetType: "post", targetId: post.id }))).toBe("Suspended");
    expect(await outcome(followTarget({ actor: null }, { targetType: "post", targetId: post.id }))).toBe("Unauthenticated");
    expect(await outcome(followTarget(member, { targetType: "user", targetId: member.actor.id }))).toBe("ValidationFailed");
  });

  it("through the API: PUT answers {following: true}, DELETE 204; bad input is a 4xx that writes nothing", async () => {
    const author = await createActor();
    const reader = await createActor();
    const token = await tokenFor(reader);
    const scenario = await createScenario(author, { postId: post.id, title: text("Scenario"), body: "Body" });
    const put = await client.put(`/api/v1/follows/scenario/${scenario.id}`, undefined, { token });
    expect({ status: put.status, body: put.body }).toEqual({ status: 200, body: { following: true } });
    const del = await client.delete(`/api/v1/follows/scenario/${scenario.id}`, { token });
    expect(del.status).toBe(204);

    const before = await footprint();
    const bad = [
      ["reply", scenario.id, 400],
      ["posts", post.id, 400],
      ["scenario", "no-such-scenario", 404],
      ["user", "nobody-here", 404],
      ["scenario", encodeURIComponent("abc\u0000def"), 400],
      // Longer than any route parameter: the router answers that no such route exists.
      ["post", "x".repeat(10_000), 404],
    ] as const;
    for (const [type, id, status] of bad) {
      const response = await client.put(`/api/v1/follows/${type}/${id}`, undefined, { token });
      expectError(response, status, status === 404 ? "not_found" : "validation_failed");
      // Unfollowing what one does not follow is not an error; malformed input still is.
      const removal = await client.delete(`/api/v1/follows/${type}/${id}`, { token });
      if (status === 400) expectError(removal, 400, "validation_failed");
      else expect(removal.status).toBe(id.length > 100 ? 404 : 204);
    }
    expectError(await client.put(`/api/v1/follows/post/${post.id}`), 401, "unauthenticated");
    expect(await footprint()).toEqual(before);
  });
});
