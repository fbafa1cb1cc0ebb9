import { describe, expect, it } from "vitest";
import { anonymous } from "@/lib/auth/actor";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { createFlag } from "@/lib/moderation/flags";
import { listFlagsAgainst } from "@/lib/moderation/flags-against";
import { createActor } from "../support/actors";
import { addPost, outcome } from "../support/forum";

describe("listFlagsAgainst", () => {
  it("lists the flags on a member's scenarios and replies, newest first, with who flagged, for moderators only", async () => {
    const post = await addPost();
    const [author, other, flagger] = [await createActor(), await createActor(), await createActor()];
    const scenario = await createScenario(author, { postId: post.id, title: "Their way", body: "A" });
    const reply = await createReply(author, { scenarioId: scenario.id, body: "Their reply" });
    const elsewhere = await createScenario(other, { postId: post.id, title: "Another way", body: "B" });
    await createFlag(flagger, { targetType: "scenario", targetId: scenario.id, reason: "spam" });
    await createFlag(flagger, { targetType: "scenario", targetId: elsewhere.id, reason: "abuse" });
    await createFlag(flagger, { targetType: "reply", targetId: reply.id, reason: "other", note: "Rude" });

    const listed = await listFlagsAgainst(await createActor("moderator"), { userId: author.actor.id });
    expect(listed.map((f) => [f.targetType, f.targetId, f.reason, f.note, f.status, f.by.id])).toEqual([
      ["reply", reply.id, "other", "Rude", "open", flagger.actor.id],
      ["scenario", scenario.id, "spam", null, "open", flagger.actor.id],
    ]);
    expect(listed.map((f) => f.url)).toEqual([`/p/${post.id}/s/${scenario.id}/r/${reply.id}`, `/p/${post.id}/s/${scenario.id}`]);
    expect(await listFlagsAgainst(await createActor("admin"), { userId: flagger.actor.id })).toEqual([]);
    expect(await outcome(listFlagsAgainst(author, { userId: author.actor.id }))).toBe("Forbidden");
    expect(await outcome(listFlagsAgainst(anonymous, { userId: author.actor.id }))).toBe("Unauthenticated");
    expect(await outcome(listFlagsAgainst(await createActor("moderator"), { userId: "bad\u0000id" }))).toBe("ValidationFailed");
  });
});
