import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decide, type Permission } from "@/lib/auth/permissions";

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
type Outcome = typeof A | typeof U | typeof F;

// Every action that exists, for every kind of actor. Later features add their rows here.
const table: [string, Permission, Record<Who, Outcome>][] = [
  ["read a visible post", { action: "post.read", target: { status: "visible" } }, { anonymous: A, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["read a hidden post", { action: "post.read", target: { status: "hidden" } }, { anonymous: F, member: F, suspended: F, formerlySuspended: F, moderator: A, suspendedModerator: A, admin: A }],
  ["create a post", { action: "post.create" }, { anonymous: U, member: F, suspended: F, formerlySuspended: F, moderator: A, suspendedModerator: F, admin: A }],
  ["update own profile", { action: "profile.update" }, { anonymous: U, member: A, suspended: F, formerlySuspended: A, moderator: A, suspendedModerator: F, admin: A }],
  ["manage own API tokens", { action: "token.manage" }, { anonymous: U, member: A, suspended: A, formerlySuspended: A, moderator: A, suspendedModerator: A, admin: A }],
  ["change a user's role", { action: "user.setRole" }, { anonymous: U, member: F, suspended: F, formerlySuspended: F, moderator: F, suspendedModerator: F, admin: A }],
];

describe("permissions", () => {
  for (const [label, permission, expected] of table) {
    for (const who of Object.keys(actors) as Who[]) {
      it(`${who}: ${label} → ${expected[who]}`, () => {
        const decision = decide(actors[who], permission);
        expect(decision.allowed ? A : decision.reason).toBe(expected[who]);
      });
    }
  }
});
