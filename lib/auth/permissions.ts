import { Forbidden, Locked, Suspended, Unauthenticated } from "@/lib/errors";
import { isModerator, isSuspended, type Actor } from "./actor";

/**
 * The one place that answers "may this actor do this to this thing?" (after Discourse's Guardian).
 * Verbs call assertCan; pages call can only to decide what to show; list queries use canSeeHidden.
 */
type Visibility = { status: "visible" | "hidden" | "merged" };
type PostState = { isLocked: boolean };
type Authored = { authorId: string };

export type Permission =
  | { action: "post.read"; target: Visibility }
  | { action: "post.create" }
  | { action: "post.edit" }
  | { action: "post.setSlowMode" }
  | { action: "reply.skipSlowMode" }
  | { action: "profile.update" }
  | { action: "token.manage" }
  | { action: "user.setRole" }
  | { action: "draft.manage" }
  | { action: "scenario.read"; target: Visibility }
  | { action: "scenario.create"; target: { post: PostState } }
  | { action: "scenario.edit"; target: Authored & { post: PostState } }
  | { action: "scenario.vote"; target: Authored & Visibility & { post: PostState } }
  | { action: "reply.create"; target: { post: PostState; scenario: Visibility } }
  | { action: "reply.edit"; target: Authored & { post: PostState } }
  | { action: "forecast.submit"; target: { post: PostState & { isResolved: boolean } } }
  | { action: "post.resolve"; target: { post: { isResolved: boolean } } }
  | { action: "flag.create"; target: { authorId: string | null } }
  | { action: "flag.withdraw"; target: { reporterId: string } }
  | { action: "queue.review" }
  | { action: "user.suspend"; target: { id: string; role: "member" | "moderator" | "admin" } };

export type Action = Permission["action"];

type Denial = "unauthenticated" | "forbidden" | "locked" | "suspended";
type Decision = { allowed: true } | { allowed: false; reason: Denial };
const allow: Decision = { allowed: true };
const deny = (reason: Denial): Decision => ({ allowed: false, reason });

/** Signed in and not suspended: the bar for every write. */
function activeMember(actor: Actor | null): Decision {
  if (!actor) return deny("unauthenticated");
  return isSuspended(actor) ? deny("suspended") : allow;
}

function all(...checks: (() => Decision)[]): Decision {
  for (const check of checks) {
    const decision = check();
    if (!decision.allowed) return decision;
  }
  return allow;
}

const when = (condition: boolean, reason: Denial) => () => (condition ? allow : deny(reason));
const visibleOrModerator = (actor: Actor | null, target: Visibility) => target.status !== "hidden" || isModerator(actor);
// A locked post takes no new contributions; moderators may still curate it.
const openOrModerator = (actor: Actor | null, post: PostState) => !post.isLocked || isModerator(actor);

export function decide(actor: Actor | null, permission: Permission): Decision {
  switch (permission.action) {
    case "post.read":
    case "scenario.read":
      return visibleOrModerator(actor, permission.target) ? allow : deny("forbidden");
    case "post.create":
    case "post.edit":
    case "post.setSlowMode":
    // Staff replies are not held back by slow mode: they are how a heated thread is calmed.
    case "reply.skipSlowMode":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"));
    case "profile.update":
    case "draft.manage":
      return activeMember(actor);
    // A suspended member may still see and revoke their tokens: revoking only takes power away.
    case "token.manage":
      return actor ? allow : deny("unauthenticated");
    case "user.setRole":
      return all(() => activeMember(actor), when(actor?.role === "admin", "forbidden"));
    case "scenario.create":
      return all(() => activeMember(actor), when(openOrModerator(actor, permission.target.post), "locked"));
    case "scenario.edit":
    case "reply.edit": {
      const { target } = permission;
      return all(
        () => activeMember(actor),
        when(actor?.id === target.authorId || isModerator(actor), "forbidden"),
        when(openOrModerator(actor, target.post), "locked"),
      );
    }
    case "scenario.vote": {
      const { target } = permission;
      return all(
        () => activeMember(actor),
        when(target.status === "visible", "forbidden"),
        when(actor?.id !== target.authorId, "forbidden"),
        when(openOrModerator(actor, target.post), "locked"),
      );
    }
    // Forecasting closes at resolution, for everyone.
    case "forecast.submit":
      return all(
        () => activeMember(actor),
        when(!permission.target.post.isResolved, "locked"),
        when(openOrModerator(actor, permission.target.post), "locked"),
      );
    case "post.resolve":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"), when(!permission.target.post.isResolved, "locked"));
    // Flagging one's own content is refused: it is not a report, and it would let an author hide their own text.
    case "flag.create":
      return all(() => activeMember(actor), when(actor?.id !== permission.target.authorId, "forbidden"));
    case "flag.withdraw":
      return all(() => activeMember(actor), when(actor?.id === permission.target.reporterId, "forbidden"));
    case "queue.review":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"));
    // Moderators suspend members; only admins suspend moderators; nobody suspends an admin or themselves.
    case "user.suspend": {
      const { target } = permission;
      const outranks = target.role === "member" ? isModerator(actor) : target.role === "moderator" && actor?.role === "admin";
      return all(() => activeMember(actor), when(outranks && actor?.id !== target.id, "forbidden"));
    }
    case "reply.create":
      return all(
        () => activeMember(actor),
        when(permission.target.scenario.status === "visible", "forbidden"),
        when(openOrModerator(actor, permission.target.post), "locked"),
      );
  }
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return decide(actor, permission).allowed;
}

type ReadPermission = Extract<Permission, { action: "post.read" | "scenario.read" }>;

/**
 * Throws the denial as an error, or returns the actor: narrowed to a signed-in member for every action but the
 * reads, which anonymous readers may do.
 */
export function assertCan(actor: Actor | null, permission: ReadPermission): Actor | null;
export function assertCan(actor: Actor | null, permission: Exclude<Permission, ReadPermission>): Actor;
export function assertCan(actor: Actor | null, permission: Permission): Actor | null {
  const decision = decide(actor, permission);
  if (decision.allowed) return actor;
  if (decision.reason === "unauthenticated") throw new Unauthenticated();
  if (decision.reason === "locked") throw new Locked();
  if (decision.reason === "suspended") throw new Suspended(actor!.suspendedUntil!);
  throw new Forbidden();
}

/** Whether lists should include content hidden from the public. */
export function canSeeHidden(actor: Actor | null): boolean {
  return isModerator(actor);
}
