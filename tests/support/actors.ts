import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import type { Actor, Context } from "@/lib/auth/actor";
import { toActor } from "@/lib/auth/user-view";

let counter = 0;

/** Inserts a user straight into the database and returns a context acting as them. */
export async function createActor(
  role: Role = "member",
  overrides: { suspendedUntil?: Date; createdAt?: Date } = {},
): Promise<Context & { actor: Actor }> {
  counter += 1;
  const tag = `${role}${counter}${Math.random().toString(36).slice(2, 8)}`;
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({
      email: `${tag}@example.test`,
      handle: tag,
      name: `Test ${tag}`,
      role,
      suspendedUntil: overrides.suspendedUntil ?? null,
      // Older than a day unless a test wants a new account, so new-account limits apply only where meant.
      createdAt: overrides.createdAt ?? new Date(Date.now() - 7 * 86_400_000),
    })
    .returning();
  return { actor: toActor(user!) };
}
