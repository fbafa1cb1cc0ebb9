import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { setUserRole } from "@/lib/auth/accounts";
import { anonymous } from "@/lib/auth/actor";
import { issueTokenToMember } from "@/lib/auth/tokens";
import { getPost } from "@/lib/forum/posts";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { countOpenQueue, createFlag } from "@/lib/moderation/flags";
import { createActor } from "../support/actors";
import { connectReader, startLiveServer, subscribe, waitFor } from "../support/live-server";

let server: Awaited<ReturnType<typeof startLiveServer>>;
let postId: string;

beforeAll(async () => {
  server = await startLiveServer();
  postId = (await getPost(anonymous, { idOrSlug: seedSlug })).id;
});
afterAll(async () => {
  await server.close();
});

async function proposeScenario(title: string) {
  const author = await createActor();
  return createScenario(author, { postId, title, body: `${title} — body` });
}

describe("subscribe", () => {
  it("acknowledges with the post's last seq and then delivers new events live", async () => {
    const { socket, received } = connectReader(server.url);
    const ack = await subscribe(socket, { postId });
    expect(ack).toMatchObject({ ok: true, postId });
    const scenario = await proposeScenario("Live delivery");
    await waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ postId, seq: ack.lastSeq + 1, type: "scenario.created" });
    expect(received[0]!.data.scenario.id).toBe(scenario.id);
    socket.disconnect();
  });

  it("accepts the post's slug as well as its id", async () => {
    const { socket } = connectReader(server.url);
    expect(await subscribe(socket, { postId: seedSlug })).toMatchObject({ ok: true, postId });
    socket.disconnect();
  });

  it("gives a reader who was away for 50 events each of them exactly once, in order, before the ack", async () => {
    const author = await createActor();
    const scenario = await createScenario(author, { postId, title: "Reconnect", body: "Fifty replies follow" });
    const first = connectReader(server.url);
    const { lastSeq } = await subscribe(first.socket, { postId });
    first.socket.disconnect();

    const repliers = await Promise.all(Array.from({ length: 5 }, () => createActor()));
    for (let i = 0; i < 50; i++) await createReply(repliers[i % 5]!, { scenarioId: scenario.id, body: `reply ${i}` });

    const again = connectReader(server.url);
    const ack = await subscribe(again.socket, { postId, after: lastSeq });
    expect(ack).toMatchObject({ ok: true, lastSeq: lastSeq + 50 });
    expect(again.received.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => lastSeq + 1 + i));
    expect(again.received.map((e) => e.data.reply.body)).toEqual(Array.from({ length: 50 }, (_, i) => `reply ${i}`));
    again.socket.disconnect();
  });

  it.each([
    [{}, "validation_failed"],
    [{ postId: 42 }, "validation_failed"],
    [{ postId: "x", after: -1 }, "validation_failed"],
    [{ postId: "x", after: "3" }, "validation_failed"],
    [{ postId: "no-such-post" }, "not_found"],
    ["just a string", "validation_failed"],
  ])("answers %j with a clear error", async (payload, code) => {
    const { socket } = connectReader(server.url);
    expect(await subscribe(socket, payload)).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it("does not let anyone but moderators subscribe to a hidden post", async () => {
    const db = await getDb();
    const [hidden] = await db
      .insert(posts)
      .values({ slug: "hidden-live", lang: "en", title: "Hidden", body: "b", html: "<p>b</p>", question: "q", axes: { x: { label: { ar: "س", en: "x" }, low: { ar: "أ", en: "l" }, high: { ar: "ب", en: "h" } }, y: { label: { ar: "ص", en: "y" }, low: { ar: "أ", en: "l" }, high: { ar: "ب", en: "h" } } }, status: "hidden" })
      .returning();
    const { socket } = connectReader(server.url);
    expect((await subscribe(socket, { postId: hidden!.id })).error.code).toBe("not_found");
    socket.disconnect();
    await db.delete(posts).where(eq(posts.id, hidden!.id));
  });

  it("answers a flood of subscriptions with rate_limited and stays up", async () => {
    const { socket } = connectReader(server.url);
    const answers = await Promise.all(Array.from({ length: 30 }, () => subscribe(socket, { postId })));
    expect(answers.filter((a) => a.ok)).toHaveLength(20);
    expect(answers.filter((a) => a.error?.code === "rate_limited")).toHaveLength(10);
    socket.disconnect();
  });
});

describe("presence", () => {
  it("tells readers how many are reading the post", async () => {
    const readers = [connectReader(server.url), connectReader(server.url), connectReader(server.url)];
    const counts: number[] = [];
    readers[0]!.socket.on("presence", (p: { postId: string; readers: number }) => p.postId === postId && counts.push(p.readers));
    for (const reader of readers) await subscribe(reader.socket, { postId });
    await waitFor(() => counts.includes(3), 3000);
    readers[2]!.socket.disconnect();
    await waitFor(() => counts.at(-1) === 2, 3000);
    for (const reader of readers) reader.socket.disconnect();
  });
});

describe("a member's one connection", () => {
  it("carries their own room, and the moderators' room only while they moderate: a role change drops it and the reconnect joins what the new role may", async () => {
    const admin = await createActor("admin");
    const member = await createActor();
    const flagger = await createActor();
    const token = (await issueTokenToMember(member, { label: "live" })).token;
    const own = await createScenario(member, { postId, title: "The member's own scenario", body: "Replies to it notify them" });

    const connect = async () => {
      const reader = connectReader(server.url, { token });
      const heard = { queue: [] as number[], notifications: 0 };
      reader.socket.on("queue.changed", (payload: { open: number }) => heard.queue.push(payload.open));
      reader.socket.on("notification", () => (heard.notifications += 1));
      await waitFor(() => reader.socket.connected);
      expect((await subscribe(reader.socket, { postId })).ok).toBe(true);
      return { ...reader, heard };
    };
    /** A flag (the queue moves), then a reply to the member's scenario: its event and notification come after. */
    const flagThenReply = async (reader: Awaited<ReturnType<typeof connect>>, round: string) => {
      const flagged = await proposeScenario(`Flagged ${Math.random()}`);
      await createFlag(flagger, { targetType: "scenario", targetId: flagged.id, reason: "other", note: "Off the question" });
      const reply = await createReply(flagger, { scenarioId: own.id, body: `An answer to the member (${round})` });
      await waitFor(() => reader.received.some((event) => event.type === "reply.created" && event.data.reply?.id === reply.id));
      await waitFor(() => reader.heard.notifications > 0);
    };

    const asMember = await connect();
    await flagThenReply(asMember, "asMember");
    expect(asMember.heard.queue).toEqual([]);

    await setUserRole(admin, { userId: member.actor.id, role: "moderator", reason: "Trusted" });
    await waitFor(() => !asMember.socket.connected);
    const waiting = await countOpenQueue(await getDb());
    const asModerator = await connect();
    // The count comes at the handshake (a reconnecting moderator may have missed a change), then with each change.
    await waitFor(() => asModerator.heard.queue.length === 1);
    await flagThenReply(asModerator, "asModerator");
    expect(asModerator.heard.queue).toEqual([waiting, waiting + 1]);

    await setUserRole(admin, { userId: member.actor.id, role: "member", reason: "Stepped down" });
    await waitFor(() => !asModerator.socket.connected);
    const again = await connect();
    await flagThenReply(again, "again");
    expect(again.heard.queue).toEqual([]);
    again.socket.close();
  });
});
