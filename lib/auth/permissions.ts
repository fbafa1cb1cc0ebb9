import { and, eq, isNull, or, sql, type Column, type SQL } from "drizzle-orm";
import { Forbidden, Locked, NotFound, Suspended, Unauthenticated } from "@/lib/errors";
import { contestInForce } from "@/lib/rules/contest-mode";
import { isModerator, isSuspended, type Actor } from "./actor";

/**
 * The one place that answers "may this actor do this to this thing?" (after Discourse's Guardian).
 * Verbs call assertCan; pages call can only to decide what to show. What a reader may see is one rule
 * (seesAll below), asked of one object through the `*.read` actions (assertVisible), of one text to show or
 * redact through canSee, and of lists through visibleTo, its SQL form. Nothing else decides what a reader sees.
 */
type Visibility = { status: "visible" | "hidden" | "merged" };
type PostState = { isLocked: boolean };
type Authored = { authorId: string };
/** One level of content (a post, a scenario, a reply) as the visibility rule sees it. */
export type Shown = { status: "visible" | "hidden" | "merged"; authorId: string | null };

export type Permission =
  | { action: "post.read"; target: { post: Shown } }
  | { action: "post.create" }
  | { action: "post.edit" }
  | { action: "post.setSlowMode" }
  | { action: "post.setContestMode" }
  | { action: "scenario.seeScores"; target: { post: { contestUntil: Date | null } } }
  | { action: "reply.skipSlowMode" }
  | { action: "profile.update" }
  | { action: "token.manage" }
  | { action: "session.manage" }
  | { action: "user.setRole" }
  | { action: "draft.manage" }
  | { action: "follow.manage" }
  | { action: "notification.read" }
  | { action: "scenario.read"; target: { post: Shown; scenario: Shown } }
  | { action: "reply.read"; target: { post: Shown; scenario: Shown; reply: Shown } }
  | { action: "content.moderate" }
  | { action: "scenario.create"; target: { post: PostState } }
  | { action: "scenario.edit"; target: Authored & { post: PostState } }
  | { action: "scenario.vote"; target: Authored & Visibility & PostState & { post: PostState } }
  | { action: "reply.create"; target: { post: PostState; scenario: Visibility & PostState } }
  | { action: "reply.edit"; target: Authored & { post: PostState } }
  | { action: "forecast.submit"; target: { post: PostState & { isResolved: boolean } } }
  | { action: "post.resolve"; target: { post: { isResolved: boolean } } }
  | { action: "flag.create"; target: { authorId: string | null } }
  | { action: "flag.withdraw"; target: { reporterId: string } }
  | { action: "queue.review" }
  | { action: "log.read" }
  | { action: "user.suspend"; target: { id: string; role: "member" | "moderator" | "admin" } };

export type Action = Permission["action"];

type Denial = "unauthenticated" | "forbidden" | "locked" | "suspended" | "not_found";
/** A refusal may say what to tell the caller (which lock, and what it stops). */
type Decision = { allowed: true } | { allowed: false; reason: Denial; message?: string };
const allow: Decision = { allowed: true };
const deny = (reason: Denial, message?: string): Decision => ({ allowed: false, reason, ...(message ? { message } : {}) });

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

const when = (condition: boolean, reason: Denial, message?: string) => () => (condition ? allow : deny(reason, message));

/**
 * The visibility rule: hidden content, and anything on hidden content, reads as not found except to moderators
 * and to the author of what is hidden (who is shown why). Each level (post, scenario, reply) must be not hidden,
 * or written by this reader, or the reader moderates. A merged scenario stays readable as an object: it is the
 * pointer (`mergedInto`) that leads its old links to the scenario it was merged into; its text is redacted
 * like hidden text (canSee).
 */
/** Moderators see everything; anyone else sees content whose status is not one of `withheld`, or their own. */
function seesAll(actor: Actor | null, levels: Shown[], withheld: readonly Shown["status"][] = ["hidden"]): boolean {
  if (isModerator(actor)) return true;
  return levels.every((level) => !withheld.includes(level.status) || (actor !== null && level.authorId === actor.id));
}
// A locked post or scenario takes no new contributions; moderators may still curate it.
const openOrModerator = (actor: Actor | null, content: PostState) => !content.isLocked || isModerator(actor);
const postLocked = (what: string) => `This post is locked by a moderator: it takes no new ${what}.`;
const scenarioLocked = (what: string) => `This scenario is locked by a moderator: it takes no new ${what}.`;

export function decide(actor: Actor | null, permission: Permission): Decision {
  switch (permission.action) {
    case "post.read":
    case "scenario.read":
    case "reply.read":
      return seesAll(actor, Object.values(permission.target)) ? allow : deny("not_found");
    case "content.moderate":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"));
    case "post.create":
    case "post.edit":
    case "post.setSlowMode":
    case "post.setContestMode":
    // Staff replies are not held back by slow mode: they are how a heated thread is calmed.
    case "reply.skipSlowMode":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"));
    // Contest mode keeps votes and scores from everyone but moderators until it ends (at its time, by itself).
    case "scenario.seeScores":
      return isModerator(actor) || !contestInForce(permission.target.post.contestUntil) ? allow : deny("forbidden");
    case "profile.update":
    case "draft.manage":
    case "follow.manage":
      return activeMember(actor);
    // A suspended member may still see and revoke their tokens and end their sessions (that only takes power away),
    // and still reads and marks read what they are told, their suspension first of all.
    case "token.manage":
    case "session.manage":
    case "notification.read":
      return actor ? allow : deny("unauthenticated");
    case "user.setRole":
      return all(() => activeMember(actor), when(actor?.role === "admin", "forbidden"));
    case "scenario.create":
      return all(() => activeMember(actor), when(openOrModerator(actor, permission.target.post), "locked", postLocked("scenarios")));
    case "scenario.edit":
    case "reply.edit": {
      const { target } = permission;
      return all(
        () => activeMember(actor),
        when(actor?.id === target.authorId || isModerator(actor), "forbidden"),
        when(openOrModerator(actor, target.post), "locked", "This post is locked by a moderator: its scenarios and replies can no longer be edited."),
      );
    }
    case "scenario.vote": {
      const { target } = permission;
      return all(
        () => activeMember(actor),
        when(target.status === "visible", "forbidden"),
        when(actor?.id !== target.authorId, "forbidden"),
        when(openOrModerator(actor, target.post), "locked", postLocked("votes")),
        when(openOrModerator(actor, target), "locked", scenarioLocked("votes")),
      );
    }
    // Forecasting closes at resolution, for everyone.
    case "forecast.submit":
      return all(
        () => activeMember(actor),
        when(!permission.target.post.isResolved, "locked", "Forecasting on this post closed when it was resolved."),
        when(openOrModerator(actor, permission.target.post), "locked", postLocked("forecasts")),
      );
    case "post.resolve":
      return all(() => activeMember(actor), when(isModerator(actor), "forbidden"), when(!permission.target.post.isResolved, "locked", "This post is already resolved."));
    // Flagging one's own content is refused: it is not a report, and it would let an author hide their own text.
    case "flag.create":
      return all(() => activeMember(actor), when(actor?.id !== permission.target.authorId, "forbidden"));
    case "flag.withdraw":
      return all(() => activeMember(actor), when(actor?.id === permission.target.reporterId, "forbidden"));
    case "queue.review":
    case "log.read":
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
        when(openOrModerator(actor, permission.target.post), "locked", postLocked("replies")),
        when(openOrModerator(actor, permission.target.scenario), "locked", scenarioLocked("replies")),
      );
  }
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return decide(actor, permission).allowed;
}

const notFoundName: Partial<Record<Action, string>> = { "post.read": "The post", "scenario.read": "The scenario", "reply.read": "The reply" };

type ReadPermission = Extract<Permission, { action: "post.read" | "scenario.read" | "reply.read" }>;

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
  if (decision.reason === "locked") throw new Locked(decision.message);
  if (decision.reason === "suspended") throw new Suspended(actor!.suspendedUntil!);
  if (decision.reason === "not_found") throw new NotFound(notFoundName[permission.action]);
  throw new Forbidden();
}

type ReadTargets = { post: Shown } | { post: Shown; scenario: Shown } | { post: Shown; scenario: Shown; reply: Shown };

/**
 * Throws NotFound unless the content exists (every level given) and this reader may see it: the one check
 * every read makes. The deepest level named decides the message ("The reply was not found.").
 */
export function assertVisible(actor: Actor | null, target: { [K in "post" | "scenario" | "reply"]?: Shown | null | undefined } | null | undefined): void {
  const levels = target ? Object.entries(target) : [];
  const action = "reply" in (target ?? {}) ? "reply.read" : "scenario" in (target ?? {}) ? "scenario.read" : "post.read";
  if (!target || levels.length === 0 || levels.some(([, level]) => !level)) throw new NotFound(notFoundName[action]);
  assertCan(actor, { action, target: target as ReadTargets } as ReadPermission);
}

/**
 * Whether this reader may see the text of a piece of content at every level named: for showing or redacting it.
 * The visibility rule, with one thing more: a merged scenario's own text reads like hidden text (its replies,
 * votes and forecast shares live on in the scenario it was merged into; it is only the pointer there).
 */
export function canSee(actor: Actor | null, ...levels: Shown[]): boolean {
  return seesAll(actor, levels, ["hidden", "merged"]);
}

/**
 * Whether the actor reads, apart from their own hidden content, just what an anonymous reader reads: everyone but
 * moderators. Such members may be shown the shared render of a page (lib/http/page-cache.ts).
 */
export function sharesAnonymousView(actor: Actor): boolean {
  return !can(actor, { action: "content.moderate" });
}

/**
 * Who is told why content was moderated: moderators everything (who acted, the version they act on), the author
 * of hidden content what was done, why and when; anyone else nothing.
 */
export function seesModeration(actor: Actor | null, content: Shown): "all" | "why" | null {
  if (isModerator(actor)) return "all";
  return content.status === "hidden" && actor !== null && content.authorId === actor.id ? "why" : null;
}

/** The columns of one level of content in a list query. */
export type ShownColumns = { status: Column; authorId: Column };

/**
 * The visibility rule as a SQL condition for lists: rows this reader may see at every level named (undefined
 * for moderators, who see everything). Lists hide exactly what the object reads refuse, and one thing more:
 * merged scenarios, whose content now lives in the scenario they were merged into, are listed for moderators only.
 */
export function visibleTo(actor: Actor | null, ...levels: ShownColumns[]): SQL | undefined {
  if (isModerator(actor)) return undefined;
  const shown = (level: ShownColumns) =>
    actor ? or(eq(level.status, "visible"), and(eq(level.status, "hidden"), eq(level.authorId, actor.id)))! : eq(level.status, "visible");
  return and(...levels.map(shown));
}

type UserColumns = { role: Column | SQL };

/** "This users row is a moderator or an admin", as SQL: isModerator for a reader known only as a row. */
export function isModeratorRow(user: UserColumns): SQL {
  return sql`${user.role} in ('moderator', 'admin')`;
}

/**
 * What a notification may tell its recipient, known only as a users row (read after the commit or by the digest):
 * what every reader may see (visibleTo an anonymous reader), or anything to moderators. Authors are not excepted:
 * a member is not told of replies in their own scenario once it is hidden. A level a left join leaves empty
 * hides nothing.
 */
export function visibleToRecipient(user: UserColumns, ...levels: ShownColumns[]): SQL {
  return or(isModeratorRow(user), and(...levels.map((level) => or(isNull(level.status), visibleTo(null, level)))))!;
}
