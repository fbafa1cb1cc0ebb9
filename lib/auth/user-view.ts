import type { User } from "@/db/schema";
import type { Actor } from "./actor";

export type UserView = { id: string; handle: string; name: string; role: User["role"] };

export function toUserView(user: Pick<User, "id" | "handle" | "name" | "role">): UserView {
  return { id: user.id, handle: user.handle, name: user.name, role: user.role };
}

export function toActor(user: User): Actor {
  return {
    id: user.id,
    handle: user.handle,
    name: user.name,
    role: user.role,
    suspendedUntil: user.suspendedUntil,
    createdAt: user.createdAt,
  };
}
