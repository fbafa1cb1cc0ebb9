import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Post } from "@/db/schema";
import { anonymous, type Actor, type Context } from "@/lib/auth/actor";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { flushCommunity } from "@/lib/forecasts/community";
import { getMemberPage } from "@/lib/forum/member-page";
import { createScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { moderateContent } from "@/lib/moderation/content-actions";
import { followTarget } from "@/lib/notify/follows";
import { createActor } from "../support/actors";
import { addPost, outcome, setPost } from "../support/forum";

type Member = Context & { actor: Actor };

afterAll(async () => {
  await flushVoteTotals();
  await flushCommunity();
});

describe("getMemberPage: a member's layer of a page from the shared render", () => {
  let post: Post;
  let author: Member;
  let member: Member;
  let first: string;
  let second: string;
  beforeAll(async () => {
    post = await addPost();
    author = await createActor();
    member = await createActor();
    first = (await createScenario(author, { postId: post.id, title: "First way it goes", body: "One." })).id;
    second = (await createScenario(author, { postId: post.id, title: "Second way it goes", body: "Two." })).id;
  });

  it("answers anonymous callers 401 and a post the member may not see 404", async () => {
    expect(await outcome(getMemberPage(anonymous, {}))).toBe("Unauthenticated");
    const hidden = await addPost({ status: "hidden" });
    expect(await outcome(getMemberPage(member, { post: hidden.id }))).toBe("NotFound");
    expect(await outcome(getMemberPage(member, { post: "no such/post" }))).toBe("ValidationFailed");
  });

  it("says who reads, and nothing of a post without ?post=", async () => {
    const page = await getMemberPage(member, {});
    expect(page).toEqual({
      viewer: { id: member.actor.id, handle: member.actor.handle, name: member.actor.name, mayCreatePost: false },
      unreadNotifications: 0,
      needsOwnRender: false,
      post: null,
    });
  });

  it("reads the member's own writes fresh: votes with their totals, follow, forecast and what is newer than it", async () => {
    const before = await getMemberPage(member, { post: post.slug });
    expect(before.post).toEqual({
      postId: post.id,
      following: false,
      votes: [],
      forecast: null,
      newSinceForecast: [],
      may: { propose: true, forecast: true, vote: true },
    });

    await castVote(member, { scenarioId: first, value: 1 });
    await castVote(member, { scenarioId: second, value: -1 });
    await castVote(await createActor(), { scenarioId: second, value: -1 });
    await followTarget(member, { targetType: "post", targetId: post.id });
    await submitForecast(member, { postId: post.id, probabilities: { [first]: 70, other: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const third = (await createScenario(author, { postId: post.id, title: "Third way it goes", body: "Three." })).id;

    const after = (await getMemberPage(member, { post: post.id })).post!;
    expect(after.following).toBe(true);
    expect(after.votes.sort((a, b) => b.myVote - a.myVote)).toEqual([
      { scenarioId: first, myVote: 1, score: 1, up: 1, down: 0 },
      { scenarioId: second, myVote: -1, score: -2, up: 0, down: 2 },
    ]);
    expect(after.forecast).toMatchObject({ probabilities: { [first]: 70 }, other: 30 });
    expect(after.newSinceForecast).toEqual([third]);

    // A retracted vote is no longer the member's.
    await castVote(member, { scenarioId: second, value: 0 });
    expect((await getMemberPage(member, { post: post.id })).post!.votes.map((v) => v.scenarioId)).toEqual([first]);
  });

  it("follows the post's state: a locked post allows nothing, a suspended member may do nothing", async () => {
    const locked = await addPost();
    await setPost(locked.id, { isLocked: true });
    expect((await getMemberPage(member, { post: locked.id })).post!.may).toEqual({ propose: false, forecast: false, vote: false });
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 86_400_000) });
    expect((await getMemberPage(suspended, { post: post.id })).post!.may).toEqual({ propose: false, forecast: false, vote: false });
  });

  it("asks for the member's own render when they see more than the shared render: moderators, and authors of hidden scenarios", async () => {
    const moderator = await createActor("moderator");
    expect((await getMemberPage(moderator, { post: post.id })).needsOwnRender).toBe(true);
    expect((await getMemberPage(author, { post: post.id })).needsOwnRender).toBe(false);
    await moderateContent(moderator, { targetType: "scenario", targetId: second, action: "hide", reason: "Off topic" });
    expect((await getMemberPage(author, { post: post.id })).needsOwnRender).toBe(true);
    expect((await getMemberPage(member, { post: post.id })).needsOwnRender).toBe(false);
    // On the home page, the author of a hidden post.
    const writer = await createActor();
    await addPost({ authorId: writer.actor.id, status: "hidden" });
    expect((await getMemberPage(writer, {})).needsOwnRender).toBe(true);
    expect((await getMemberPage(author, {})).needsOwnRender).toBe(false);
  });
});
