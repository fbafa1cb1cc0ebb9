import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { replies } from "@/db/schema";
import { seedSlug } from "@/db/seed/seed-article";
import { anonymous } from "@/lib/auth/actor";
import { listContributions } from "@/lib/forum/contributions";
import { getPost } from "@/lib/forum/posts";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { createActor } from "../support/actors";

describe("listContributions", () => {
  it("lists a member's scenarios and replies, newest first, hiding hidden ones from all but moderators", async () => {
    const postId = (await getPost(anonymous, { idOrSlug: seedSlug })).id;
    const member = await createActor();
    const scenario = await createScenario(member, { postId, title: "Mine", body: "My scenario" });
    const first = await createReply(member, { scenarioId: scenario.id, body: "**First** reply", stance: "evidence" });
    const second = await createReply(member, { scenarioId: scenario.id, body: "Second reply" });
    await (await getDb()).update(replies).set({ status: "hidden" }).where(eq(replies.id, second.id));

    const seen = await listContributions(anonymous, { userId: member.actor.id });
    expect(seen.scenarios).toEqual([expect.objectContaining({ id: scenario.id, title: "Mine", postSlug: seedSlug, replyCount: 2 })]);
    expect(seen.replies).toEqual([expect.objectContaining({ id: first.id, excerpt: "First reply", stance: "evidence", scenarioTitle: "Mine" })]);

    const moderator = await createActor("moderator");
    expect((await listContributions(moderator, { userId: member.actor.id })).replies.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await listContributions(anonymous, { userId: "nobody" })).toEqual({ scenarios: [], replies: [] });
  });
});
