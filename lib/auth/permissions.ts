import { Forbidden, Unauthenticated } from "@/lib/errors";
import { isModerator, isSuspended, type Actor } from "./actor";

/**
 * The one place that answers "may this actor do this to this thing?" (after Discourse's Guardian).
 * Verbs call assertCan; pages call can only to decide what to show; list queries use canSeeHidden.
 */
type PostTarget = { status: "visible" | "hidden" };

export type Permission =
  | { action: "post.read"; target: PostTarget }
  | { action: "post.create" }
  | { action: "profile.update" }
  | { action: "token.manage" }
  | { action: "user.setRole" };

export type Action = Permission["action"];

type Denial = "unauthenticated" | "forbidden";
type Decision = { allowed: true } | { allowed: false; reason: Denial };
const allow: Decision = { allowed: true };
const deny = (reason: Denial): Decision => ({ allowed: false, reason });

/** Signed in and not suspended: the bar for every write. */
function activeMember(actor: Actor | null): Decision {
  if (!actor) return deny("unauthenticated");
  return isSuspended(actor) ? deny("forbidden") : allow;
}

function withRole(actor: Actor | null, allowed: (actor: Actor) => boolean): Decision {
  const base = activeMember(actor);
  if (!base.allowed) return base;
  return allowed(actor!) ? allow : deny("forbidden");
}

export function decide(actor: Actor | null, permission: Permission): Decision {
  switch (permission.action) {
    case "post.read":
      return permission.target.status === "visible" || isModerator(actor) ? allow : deny("forbidden");
    case "post.create":
      return withRole(actor, isModerator);
    case "profile.update":
      return activeMember(actor);
    // A suspended member may still see and revoke their tokens: revoking only takes power away.
    case "token.manage":
      return actor ? allow : deny("unauthenticated");
    case "user.setRole":
      return withRole(actor, (a) => a.role === "admin");
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
