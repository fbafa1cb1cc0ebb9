import { Forbidden, Unauthenticated } from "@/lib/errors";
import { isModerator, isSuspended, type Actor } from "./actor";

/**
 * The one place that answers "may this actor do this to this thing?" (after Discourse's Guardian).
 * Verbs call assertCan; pages call can only to decide what to show; list queries use the same rules.
 */
type PostTarget = { status: "visible" | "hidden"; isLocked: boolean };

export type Permission =
  | { action: "post.read"; target: PostTarget }
  | { action: "post.create" };

export type Action = Permission["action"];

type Decision = { allowed: true } | { allowed: false; reason: "unauthenticated" | "forbidden" };
const allow: Decision = { allowed: true };
const deny = (reason: "unauthenticated" | "forbidden"): Decision => ({ allowed: false, reason });

function writer(actor: Actor | null): Decision {
  if (!actor) return deny("unauthenticated");
  if (isSuspended(actor)) return deny("forbidden");
  return allow;
}

export function decide(actor: Actor | null, permission: Permission): Decision {
  switch (permission.action) {
    case "post.read":
      return permission.target.status === "visible" || isModerator(actor) ? allow : deny("forbidden");
    case "post.create": {
      const base = writer(actor);
      if (!base.allowed) return base;
      return isModerator(actor) ? allow : deny("forbidden");
    }
  }
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return decide(actor, permission).allowed;
}

export function assertCan(actor: Actor | null, permission: Permission): void {
  const decision = decide(actor, permission);
  if (decision.allowed) return;
  throw decision.reason === "unauthenticated" ? new Unauthenticated() : new Forbidden();
}

/** Whether lists should include content hidden from the public. */
export function canSeeHidden(actor: Actor | null): boolean {
  return isModerator(actor);
}
