import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog, users } from "@/db/schema";
import { isSuspended } from "@/lib/auth/actor";
import { toActor } from "@/lib/auth/user-view";
import { createScenario } from "@/lib/forum/scenarios";
import { suspendUser, unsuspendUser } from "@/lib/moderation/suspensions";
import { createActor } from "../support/actors";
import { addPost, countRows, outcome } from "../support/forum";

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function asStored(userId: string) {
  const [user] = await (await getDb()).select().from(users).where(eq(users.id, userId));
  return { actor: toActor(user!) };
}

describe("suspensions", () => {
  it("a suspended member's writes answer Suspended naming the end; unsuspend lifts it; each logged once", async () => {
    const moderator = await createActor("moderator");
    const member = await createActor();
    const post = await addPost();
    const until = inAnHour();
    const result = await suspendUser(moderator, { userId: member.actor.id, until, reason: "Cooling off" });
    expect(result).toEqual({ userId: member.actor.id, suspendedUntil: until, reason: "Cooling off" });
    await suspendUser(moderator, { userId: member.actor.id, until, reason: "Cooling off" });
    expect(await countRows(moderationLog, eq(moderationLog.targetId, member.actor.id))).toBe(1);
    const suspended = await asStored(member.actor.id);
    const attempt = createScenario(suspended, { postId: post.id, title: "While suspended", body: "x" });
    await expect(attempt).rejects.toMatchObject({ code: "suspended", until: new Date(until) });
    await unsuspendUser(moderator, { userId: member.actor.id, reason: "Served" });
    await unsuspendUser(moderator, { userId: member.actor.id, reason: "Served" });
    expect(await countRows(moderationLog, eq(moderationLog.targetId, member.actor.id))).toBe(2);
    expect(await outcome(createScenario(await asStored(member.actor.id), { postId: post.id, title: "After it", body: "x" }))).toBe("ok");
  });

  it("lifts by itself at until", async () => {
    const member = await createActor("member", { suspendedUntil: new Date(Date.now() + 50) });
    expect(isSuspended(member.actor)).toBe(true);
    expect(isSuspended(member.actor, new Date(Date.now() + 100))).toBe(false);
  });

  it("moderators cannot suspend admins, each other or themselves; admins may suspend moderators; bad input writes nothing", async () => {
    const [moderator, other, admin, member] = [await createActor("moderator"), await createActor("moderator"), await createActor("admin"), await createActor()];
    const before = await countRows(moderationLog);
    const suspend = (ctx: typeof moderator, userId: string, until = inAnHour(), reason: unknown = "Because") => outcome(suspendUser(ctx, { userId, until, reason }));
    expect(await suspend(moderator, admin.actor.id)).toBe("Forbidden");
    expect(await suspend(moderator, other.actor.id)).toBe("Forbidden");
    expect(await suspend(moderator, moderator.actor.id)).toBe("Forbidden");
    expect(await suspend(member, other.actor.id)).toBe("Forbidden");
    expect(await suspend(admin, admin.actor.id)).toBe("Forbidden");
    expect(await suspend(moderator, member.actor.id, new Date(Date.now() - 1000).toISOString())).toBe("ValidationFailed");
    expect(await suspend(moderator, member.actor.id, "tomorrow")).toBe("ValidationFailed");
    expect(await suspend(moderator, member.actor.id, inAnHour(), "")).toBe("ValidationFailed");
    expect(await suspend(moderator, "missing-user")).toBe("NotFound");
    expect(await suspend(moderator, "a\u0000b")).toBe("ValidationFailed");
    expect(await countRows(moderationLog)).toBe(before);
    expect(await suspend(admin, other.actor.id)).toBe("ok");
  });
});
