import { describe, expect, it } from "vitest";
import { anonymous } from "@/lib/auth/actor";
import { setUserRole } from "@/lib/auth/accounts";
import { exchangePasswordForToken, issueTokenToMember } from "@/lib/auth/tokens";
import { DomainError, Forbidden, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { resolvePost } from "@/lib/forecasts/resolution";
import { createActor } from "../support/actors";
import { addPost } from "../support/forum";

const NUL = "a\u0000b";
const LONE_SURROGATE = "a\uD800b";
const BIDI_OVERRIDE = "a\u202Eb";

describe("text fields that used a bare z.string() (finding 6)", () => {
  it("refuses NUL and lone surrogates in a token label (API and settings page), a role-change reason and a resolve note as bad input", async () => {
    const admin = await createActor("admin");
    const moderator = await createActor("moderator");
    const member = await createActor();
    const post = await addPost();
    for (const bad of [NUL, LONE_SURROGATE]) {
      await expect(exchangePasswordForToken(anonymous, { email: "x@example.test", password: "whatever password", label: bad })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(issueTokenToMember(member, { label: bad })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(setUserRole(admin, { userId: member.actor.id, role: "member", reason: bad })).rejects.toBeInstanceOf(ValidationFailed);
      await expect(resolvePost(moderator, { postId: post.id, outcome: "annulled", note: bad })).rejects.toBeInstanceOf(ValidationFailed);
    }
  });

  it("answers a bidi override with a domain answer, never an unexpected error", async () => {
    const admin = await createActor("admin");
    const member = await createActor();
    const token = await exchangePasswordForToken(anonymous, { email: "x@example.test", password: "whatever password", label: BIDI_OVERRIDE }).catch((e: unknown) => e);
    expect(token).toBeInstanceOf(DomainError);
    await expect(setUserRole(admin, { userId: member.actor.id, role: "member", reason: BIDI_OVERRIDE })).resolves.toMatchObject({ role: "member" });
  });
});

describe("authorize before validating (finding 11)", () => {
  it("answers 401/403, not the body's schema, to callers who may not resolve or change roles", async () => {
    const member = await createActor();
    const badBody = { postId: "\u0000", outcome: "nonsense", note: 5 };
    await expect(resolvePost(anonymous, badBody)).rejects.toBeInstanceOf(Unauthenticated);
    await expect(resolvePost(member, badBody)).rejects.toBeInstanceOf(Forbidden);
    await expect(setUserRole(anonymous, { userId: "", role: "god" })).rejects.toBeInstanceOf(Unauthenticated);
    await expect(setUserRole(member, { userId: "", role: "god" })).rejects.toBeInstanceOf(Forbidden);
  });
});
