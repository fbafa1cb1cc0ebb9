import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decide, type Action, type Permission } from "@/lib/auth/permissions";

const future = new Date(Date.now() + 86_400_000);
const past = new Date(Date.now() - 86_400_000);
const someone = (role: Actor["role"], suspendedUntil: Date | null = null): Actor => ({
  id: `${role}-id`,
  handle: role,
  name: role,
  role,
  suspendedUntil,
  createdAt: new Date(Date.now() - 7 * 86_400_000),
});

const actors = {
  anonymous: null,
  member: someone("member"),
  suspended: someone("member", future),
  formerlySuspended: someone("member", past),
  moderator: someone("moderator"),
  suspendedModerator: someone("moderator", future),
  admin: someone("admin"),
} as const;
type Who = keyof typeof actors;

const A = "allow";
const U = "unauthenticated";
const F = "forbidden";
const L = "locked";
const S = "suspended";
const N = "not_found";
type Outcome = typeof A | typeof U | typeof F | typeof L | typeof S | typeof N;

// Targets that depend on who asks: "own" content is authored by the asking actor (nobody's, for an anonymous one).
const own = (actor: Actor | null) => actor?.id ?? "no-author";
const others = () => "someone-else-id";
type Author = typeof own;
const open = { isLocked: false };
const locked = { isLocked: true };
const editScenario = (author: Author, post: typeof open) => (actor: Actor | null): Permission => ({
  action: "scenario.edit",
  target: { authorId: author(actor), post },
});
const editReply = (author: Author, post: typeof open) => (actor: Actor | null): Permission => ({
  action: "reply.edit",
  target: { authorId: author(actor), post },
});
const vote = (author: Author, status: "visible" | "hidden" | "merged", post: typeof open, scenario = open) => (actor: Actor | null): Permission => ({
  action: "scenario.vote",
  target: { authorId: author(actor), status, post, ...scenario },
});

// The visibility rule, for every role: hidden content, or content on hidden content, is not found except to
// moderators (suspended or not: reading takes nothing away) and to the author of what is hidden. A merged scenario
// stays readable (it points to the scenario it was merged into).
type Status = "visible" | "hidden" | "merged";
const level = (status: Status, author: Author) => (actor: Actor | null) => ({ status, authorId: author(actor) });
const readPost = (status: Status, author: Author) => (actor: Actor | null): Permission => ({ action: "post.read", target: { post: level(status, author)(actor) } });
const readScenario = (post: Status, status: Status, author: Author) => (actor: Actor | null): Permission => ({
  action: "scenario.read",
  target: { post: level(post, others)(actor), scenario: level(status, author)(actor) },
});
const readReply = (post: Status, scenario: Status, status: Status, author: Author) => (actor: Actor | null): Permission => ({
  action: "reply.read",
  target: { post: level(post, others)(actor), scenario: level(scenario, others)(actor), reply: level(status, author)(actor) },
});
const readers: Record<Who, Outcome> = { anonymous: A, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A };
// Hidden from this reader: moderators and the author only (an anonymous reader is nobody's author).
const staffOnly: Record<Who, Outcome> = { anonymous: N, member: N, suspended: N, formerlySuspended: N, moderator: A, suspendedModerator: A, admin: A };
const staffAndAuthor: Record<Who, Outcome> = { anonymous: N, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A };
const readRows: [string, (actor: Actor | null) => Permission, Record<Who, Outcome>][] = [
  ["read a visible post", readPost("visible", others), readers],
  ["read someone else's hidden post", readPost("hidden", others), staffOnly],
  ["read own hidden post", readPost("hidden", own), staffAndAuthor],
  ["read a visible scenario", readScenario("visible", "visible", others), readers],
  ["read someone else's hidden scenario", readScenario("visible", "hidden", others), staffOnly],
  ["read own hidden scenario", readScenario("visible", "hidden", own), staffAndAuthor],
  ["read a merged scenario", readScenario("visible", "merged", others), readers],
  ["read a visible scenario on a hidden post", readScenario("hidden", "visible", others), staffOnly],
  ["read own scenario on someone else's hidden post", readScenario("hidden", "visible", own), staffOnly],
  ["read a visible reply", readReply("visible", "visible", "visible", others), readers],
  ["read someone else's hidden reply", readReply("visible", "visible", "hidden", others), staffOnly],
  ["read own hidden reply", readReply("visible", "visible", "hidden", own), staffAndAuthor],
  ["read own reply under someone else's hidden scenario", readReply("visible", "hidden", "visible", own), staffOnly],
  ["read own reply on someone else's hidden post", readReply("hidden", "visible", "visible", own), staffOnly],
  ["read a reply under a merged scenario", readReply("visible", "merged", "visible", others), readers],
];

// What an active member may do on an open post, and on a locked one (moderators still curate locked posts).
const memberWrite: Record<Who, Outcome> = { anonymous: U, member: A, suspended: S, formerlySuspended: A, moderator: A, suspendedModerator: S, admin: A };
const memberWriteLocked: Record<Who, Outcome> = { anonymous: U, member: L, suspended: S, formerlySuspended: L, moderator: A, suspendedModerator: S, admin: A };
// Someone else's content: only moderators, and not while suspended; the lock never matters to moderators.
const moderatorWrite: Record<Who, Outcome> = { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A };
// Nobody: anonymous readers are told to sign in, everyone else is refused.
const nobody: Record<Who, Outcome> = { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: F, suspendedModerator: S, admin: F };

// Every action that exists, for every kind of actor. Later features add their rows here.
const table: [string, Permission | ((actor: Actor | null) => Permission), Record<Who, Outcome>][] = [
  ...readRows,
  ["create a post", { action: "post.create" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A }],
  ["edit a post", { action: "post.edit" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A }],
  ["set a post's slow mode", { action: "post.setSlowMode" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A }],
  ["set a post's contest mode", { action: "post.setContestMode" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A }],
  // Reading, not writing: a suspended moderator still reads as a moderator.
  ["see scores in contest mode", { action: "scenario.seeScores", target: { post: { contestUntil: future } } }, { anonymous: F, member: F, suspended: F, formerlySuspended: F, moderator: A, suspendedModerator: A, admin: A }],
  ["see scores once contest mode ended", { action: "scenario.seeScores", target: { post: { contestUntil: past } } }, { anonymous: A, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["see scores without contest mode", { action: "scenario.seeScores", target: { post: { contestUntil: null } } }, { anonymous: A, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["reply past slow mode", { action: "reply.skipSlowMode" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: A, suspendedModerator: S, admin: A }],
  ["update own profile", { action: "profile.update" }, { anonymous: U, member: A, suspended: S, formerlySuspended: A, moderator: A, suspendedModerator: S, admin: A }],
  ["manage own API tokens", { action: "token.manage" }, { anonymous: U, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["end own sessions", { action: "session.manage" }, { anonymous: U, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["change a user's role", { action: "user.setRole" }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: F, suspendedModerator: S, admin: A }],

  ["propose a scenario on an open post", { action: "scenario.create", target: { post: open } }, memberWrite],
  ["propose a scenario on a locked post", { action: "scenario.create", target: { post: locked } }, memberWriteLocked],

  ["edit own scenario on an open post", editScenario(own, open), memberWrite],
  ["edit own scenario on a locked post", editScenario(own, locked), memberWriteLocked],
  ["edit someone else's scenario on an open post", editScenario(others, open), moderatorWrite],
  ["edit someone else's scenario on a locked post", editScenario(others, locked), moderatorWrite],

  ["vote on someone else's visible scenario", vote(others, "visible", open), memberWrite],
  ["vote on someone else's visible scenario on a locked post", vote(others, "visible", locked), memberWriteLocked],
  ["vote on someone else's locked scenario on an open post", vote(others, "visible", open, locked), memberWriteLocked],
  ["vote on own scenario", vote(own, "visible", open), nobody],
  ["vote on own scenario on a locked post", vote(own, "visible", locked), nobody],
  ["vote on someone else's hidden scenario", vote(others, "hidden", open), nobody],
  ["vote on someone else's merged scenario", vote(others, "merged", open), nobody],

  ["reply under a visible scenario on an open post", { action: "reply.create", target: { post: open, scenario: { status: "visible", isLocked: false } } }, memberWrite],
  ["reply under a visible scenario on a locked post", { action: "reply.create", target: { post: locked, scenario: { status: "visible", isLocked: false } } }, memberWriteLocked],
  ["reply under a locked scenario on an open post", { action: "reply.create", target: { post: open, scenario: { status: "visible", isLocked: true } } }, memberWriteLocked],
  ["reply under a hidden scenario", { action: "reply.create", target: { post: open, scenario: { status: "hidden", isLocked: false } } }, nobody],
  ["reply under a merged scenario", { action: "reply.create", target: { post: open, scenario: { status: "merged", isLocked: false } } }, nobody],

  ["edit own reply on an open post", editReply(own, open), memberWrite],
  ["edit own reply on a locked post", editReply(own, locked), memberWriteLocked],
  ["edit someone else's reply on an open post", editReply(others, open), moderatorWrite],
  ["edit someone else's reply on a locked post", editReply(others, locked), moderatorWrite],

  ["moderate content (hide, lock, pin)", { action: "content.moderate" }, moderatorWrite],

  ["manage own drafts", { action: "draft.manage" }, memberWrite],
  ["follow or unfollow", { action: "follow.manage" }, memberWrite],
  ["read and mark read own notifications", { action: "notification.read" }, { anonymous: U, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],

  ["forecast on an open post", { action: "forecast.submit", target: { post: { isLocked: false, isResolved: false } } }, memberWrite],
  ["forecast on a locked post", { action: "forecast.submit", target: { post: { isLocked: true, isResolved: false } } }, memberWriteLocked],
  ["forecast on a resolved post", { action: "forecast.submit", target: { post: { isLocked: false, isResolved: true } } }, { anonymous: U, member: L, suspended: S, formerlySuspended: L, moderator: L, suspendedModerator: S, admin: L }],
  ["flag someone else's content", () => ({ action: "flag.create", target: { authorId: others() } }), memberWrite],
  ["flag a post without an author", { action: "flag.create", target: { authorId: null } }, memberWrite],
  ["flag own content", (actor) => ({ action: "flag.create", target: { authorId: own(actor) } }), { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: F, suspendedModerator: S, admin: F }],
  ["withdraw own flag", (actor) => ({ action: "flag.withdraw", target: { reporterId: own(actor) } }), memberWrite],
  ["withdraw someone else's flag", { action: "flag.withdraw", target: { reporterId: "someone-else-id" } }, nobody],
  ["suspend a member", { action: "user.suspend", target: { id: "someone-else-id", role: "member" } }, moderatorWrite],
  ["suspend a moderator", { action: "user.suspend", target: { id: "someone-else-id", role: "moderator" } }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: F, suspendedModerator: S, admin: A }],
  ["suspend an admin", { action: "user.suspend", target: { id: "someone-else-id", role: "admin" } }, nobody],
  ["review the flag queue", { action: "queue.review" }, moderatorWrite],
  ["read the moderation log", { action: "log.read" }, moderatorWrite],
  ["resolve a post", { action: "post.resolve", target: { post: { isResolved: false } } }, moderatorWrite],
  ["resolve a resolved post again", { action: "post.resolve", target: { post: { isResolved: true } } }, { anonymous: U, member: F, suspended: S, formerlySuspended: F, moderator: L, suspendedModerator: S, admin: L }],
];

describe("permissions", () => {
  it("covers every action the permission module knows", () => {
    const actions = new Set(table.map(([, permission]) => (typeof permission === "function" ? permission(actors.member) : permission).action));
    // A Record over Action: adding an action to the module fails the typecheck here until it gets rows.
    const known: Record<Action, true> = {
      "post.read": true, "post.create": true, "post.edit": true, "post.setSlowMode": true, "post.setContestMode": true, "scenario.seeScores": true, "reply.skipSlowMode": true, "profile.update": true, "token.manage": true, "session.manage": true, "user.setRole": true, "draft.manage": true,
      "scenario.read": true, "scenario.create": true, "scenario.edit": true, "scenario.vote": true, "reply.create": true, "reply.edit": true,
      "forecast.submit": true, "post.resolve": true, "reply.read": true, "content.moderate": true,
      "flag.create": true, "flag.withdraw": true, "queue.review": true, "log.read": true, "user.suspend": true, "follow.manage": true, "notification.read": true,
    };
    expect([...actions].sort()).toEqual(Object.keys(known).sort());
  });

  for (const [label, permission, expected] of table) {
    for (const who of Object.keys(actors) as Who[]) {
      it(`${who}: ${label} → ${expected[who]}`, () => {
        const actor = actors[who];
        const decision = decide(actor, typeof permission === "function" ? permission(actor) : permission);
        expect(decision.allowed ? A : decision.reason).toBe(expected[who]);
      });
    }
  }
});
