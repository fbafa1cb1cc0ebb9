import { and, desc, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { flags, posts, replies, scenarios, users, type Flag } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { Identifier, parseInput } from "@/lib/validation";
import { flaggedContentUrl, type FlaggableType } from "./flag-target";

export type FlagAgainstView = {
  id: string;
  targetType: FlaggableType;
  targetId: string;
  url: string;
  reason: Flag["reason"];
  note: string | null;
  status: Flag["status"];
  by: { id: string; handle: string; name: string };
  at: string;
};

/**
 * Flags on a member's posts, scenarios and replies, open or decided, newest first: a member's record as the
 * review queue saw it. Moderators only (they alone see who flagged what).
 */
export async function listFlagsAgainst(ctx: Context, input: { userId?: unknown; limit?: unknown }): Promise<FlagAgainstView[]> {
  assertCan(ctx.actor, { action: "queue.review" });
  const { userId, limit } = parseInput(z.object({ userId: Identifier, limit: z.number().int().min(1).max(100).default(20) }), input);
  const db = await getDb();
  const authored = (type: FlaggableType, table: typeof posts | typeof scenarios | typeof replies) =>
    and(eq(flags.targetType, type), inArray(flags.targetId, db.select({ id: table.id }).from(table).where(eq(table.authorId, userId))));
  const rows = await db
    .select({ flag: flags, replyScenarioId: replies.scenarioId, by: { id: users.id, handle: users.handle, name: users.name } })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.reporterId))
    .leftJoin(replies, and(eq(flags.targetType, "reply"), eq(replies.id, flags.targetId)))
    .where(or(authored("post", posts), authored("scenario", scenarios), authored("reply", replies)))
    .orderBy(desc(flags.createdAt), desc(flags.id))
    .limit(limit);
  return rows.map(({ flag, replyScenarioId, by }) => {
    const targetType = flag.targetType as FlaggableType;
    return {
      id: flag.id,
      targetType,
      targetId: flag.targetId,
      url: flaggedContentUrl(targetType, { id: flag.targetId, postId: flag.postId ?? "", scenarioId: replyScenarioId }),
      reason: flag.reason,
      note: flag.note,
      status: flag.status,
      by,
      at: flag.createdAt.toISOString(),
    };
  });
}
