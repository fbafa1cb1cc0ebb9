import { users, type User } from "@/db/schema";
import type { Actor } from "./actor";

export type UserView = { id: string; handle: string; name: string; role: User["role"] };

export function toUserView(user: Pick<User, "id" | "handle" | "name" | "role">): UserView {
  return { id: user.id, handle: user.handle, name: user.name, role: user.role };
}

/** The columns an Actor is made of, for queries that need no more. */
export const actorColumns = {
  id: users.id,
  handle: users.handle,
  name: users.name,
  role: users.role,
  suspendedUntil: users.suspendedUntil,
  createdAt: users.createdAt,
};

export function toActor(user: Pick<User, keyof typeof actorColumns>): Actor {
  return {
    id: user.id,
    handle: user.handle,
    name: user.name,
    role: user.role,
    suspendedUntil: user.suspendedUntil,
    createdAt: user.createdAt,
  };
}
