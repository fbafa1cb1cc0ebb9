import type { SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { users, type Role, type User } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { dropPagesEverywhere } from "@/lib/live/page-drops";
import { dropUserSockets } from "@/lib/live/user-sockets";
import { recordModeration } from "@/lib/moderation/log";
import { forgetTokenHolders } from "./token-cache";

/** Sets the role of the user `where` names and logs it, in the caller's transaction (actorId null: the system). */
export async function setRoleIn(tx: Transaction, where: SQL, role: Role, actorId: string | null, reason: string): Promise<User> {
  const [updated] = await tx.update(users).set({ role }).where(where).returning();
  if (!updated) throw new NotFound("The user");
  await recordModeration(tx, { actorId, action: "role.set", targetType: "user", targetId: updated.id, reason, details: { role } });
  return updated;
}

/**
 * After the transaction: the member's open sockets and cached tokens are dropped, so the new role applies at once,
 * and so are kept pages (a role shows on them, and no event announces it).
 */
export function roleChanged(userId: string): void {
  dropUserSockets(userId);
  forgetTokenHolders({ userId });
  dropPagesEverywhere();
}
