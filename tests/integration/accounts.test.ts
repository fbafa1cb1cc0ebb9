import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { moderationLog, users } from "@/db/schema";
import { assignRoleByEmail, createAccount, setUserRole, updateProfile, verifyCredentials } from "@/lib/auth/accounts";
import { anonymous } from "@/lib/auth/actor";
import { actorForToken, exchangePasswordForToken, issueTokenToMember, listApiTokens, revokeApiToken } from "@/lib/auth/tokens";
import { toActor } from "@/lib/auth/user-view";
import { Conflict, Forbidden, NotFound, RateLimited, Suspended, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { createActor } from "../support/actors";

const password = "correct horse battery";
let serial = 0;
const email = (name = "member") => `${name}${++serial}@example.test`;
const from = (ip: string) => ({ actor: null, ip });

async function userCount() {
  const [row] = await (await getDb()).select({ n: count() }).from(users);
  return row!.n;
}

describe("createAccount", () => {
  it("creates a member with a handle from the email, the email in lower case", async () => {
    const user = await createAccount(from("10.0.0.1"), { email: "  Ada.Lovelace@Example.TEST ", password, name: "آدا لوفلايس" });
    expect(user).toMatchObject({ handle: "ada_lovelace", name: "آدا لوفلايس", role: "member" });
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe("ada.lovelace@example.test");
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a taken email in any case with Conflict, storing nothing", async () => {
    const before = await userCount();
    await expect(createAccount(from("10.0.0.2"), { email: "ADA.LOVELACE@example.test", password, name: "Ada" })).rejects.toBeInstanceOf(Conflict);
    expect(await userCount()).toBe(before);
  });

  it("gives the next free handle when one is taken", async () => {
    const first = await createAccount(from("10.0.0.3"), { email: "sam@one.test", password, name: "Sam" });
    const second = await createAccount(from("10.0.0.3"), { email: "sam@two.test", password, name: "Sam" });
    expect([first.handle, second.handle]).toEqual(["sam", "sam2"]);
  });

  it("makes the configured emails admins", async () => {
    expect((await createAccount(from("10.0.0.4"), { email: "Boss@example.test", password, name: "Boss" })).role).toBe("admin");
  });

  it.each([
    [{}],
    [{ email: "not-an-email", password, name: "X" }],
    [{ email: email(), password: "short", name: "X" }],
    [{ email: email(), password: "x".repeat(257), name: "X" }],
    [{ email: email(), password, name: "   " }],
    [{ email: email(), password, name: "\u200b\u200b" }],
    [{ email: email(), password, name: "bad\u0000name" }],
    [{ email: email(), password, name: "x".repeat(81) }],
    [{ email: 42, password, name: "X" }],
    [{ email: email(), password: ["array"], name: "X" }],
  ])("rejects %j with ValidationFailed and stores nothing", async (input) => {
    const before = await userCount();
    await expect(createAccount(from("10.0.0.5"), input)).rejects.toBeInstanceOf(ValidationFailed);
    expect(await userCount()).toBe(before);
  });

  it("rate limits sign-ups per address", async () => {
    const attempts = Array.from({ length: 22 }, (_, i) =>
      createAccount(from("10.9.9.9"), { email: `burst${i}@example.test`, password, name: "Burst" }).then(
        () => "created",
        (error: unknown) => (error instanceof RateLimited ? "limited" : error),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "created")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "limited")).toHaveLength(2);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password and refuses others alike", async () => {
    const address = email("login");
    await createAccount(from("10.0.1.1"), { email: address, password, name: "Login" });
    expect((await verifyCredentials(from("10.0.1.1"), { email: address.toUpperCase(), password })).email).toBe(address);
    const wrong = await verifyCredentials(from("10.0.1.1"), { email: address, password: "wrong password!" }).catch((e: Error) => e);
    const unknown = await verifyCredentials(from("10.0.1.1"), { email: email("nobody"), password }).catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(Unauthenticated);
    expect(unknown).toBeInstanceOf(Unauthenticated);
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });
});

describe("API tokens", () => {
  it("are issued for credentials, identify their holder, and stop working when revoked", async () => {
    const address = email("tokens");
    const user = await createAccount(from("10.0.2.1"), { email: address, password, name: "Tokens" });
    const { token, user: holder } = await exchangePasswordForToken(from("10.0.2.1"), { email: address, password, label: "bot" });
    expect(holder.id).toBe(user.id);
    expect(token).toMatch(/^mzn_[A-Za-z0-9_-]{43}$/);
    const found = await actorForToken(token);
    expect(found?.actor.id).toBe(user.id);
    const ctx = { actor: found!.actor };
    const listed = await listApiTokens(ctx);
    expect(listed).toEqual([expect.objectContaining({ label: "bot", lastUsedAt: expect.any(String) })]);
    // Only a hash is stored: the secret appears nowhere in the listing.
    expect(JSON.stringify(listed)).not.toContain(token);
    await revokeApiToken(ctx, { tokenId: found!.tokenId });
    expect(await actorForToken(token)).toBeNull();
    expect(await listApiTokens(ctx)).toEqual([]);
  });

  it("refuse wrong credentials and unknown or malformed secrets", async () => {
    await expect(exchangePasswordForToken(from("10.0.2.2"), { email: email(), password })).rejects.toBeInstanceOf(Unauthenticated);
    expect(await actorForToken("mzn_" + "a".repeat(43))).toBeNull();
    expect(await actorForToken("not a token")).toBeNull();
  });

  it("cannot be revoked by someone else", async () => {
    const owner = await createActor();
    const other = await createActor();
    const { id } = await issueTokenToMember(owner, { label: "mine" });
    await expect(revokeApiToken(other, { tokenId: id })).rejects.toBeInstanceOf(NotFound);
    await expect(issueTokenToMember(anonymous, {})).rejects.toBeInstanceOf(Unauthenticated);
  });
});

describe("roles", () => {
  it("are changed by admins only, and every change is logged", async () => {
    const admin = await createActor("admin");
    const target = await createActor("member");
    expect((await setUserRole(admin, { userId: target.actor.id, role: "moderator", reason: "trusted" })).role).toBe("moderator");
    const log = await (await getDb()).select().from(moderationLog).where(eq(moderationLog.targetId, target.actor.id));
    expect(log).toEqual([expect.objectContaining({ actorId: admin.actor.id, action: "role.set", reason: "trusted", details: { role: "moderator" } })]);

    const moderator = await createActor("moderator");
    await expect(setUserRole(moderator, { userId: target.actor.id, role: "admin" })).rejects.toBeInstanceOf(Forbidden);
    await expect(setUserRole(anonymous, { userId: target.actor.id, role: "admin" })).rejects.toBeInstanceOf(Unauthenticated);
    await expect(setUserRole(admin, { userId: "nobody", role: "admin" })).rejects.toBeInstanceOf(NotFound);
    await expect(setUserRole(admin, { userId: target.actor.id, role: "owner" })).rejects.toBeInstanceOf(ValidationFailed);
    const suspendedAdmin = await createActor("admin", { suspendedUntil: new Date(Date.now() + 60_000) });
    await expect(setUserRole(suspendedAdmin, { userId: target.actor.id, role: "member" })).rejects.toBeInstanceOf(Suspended);
  });

  it("reach a token holder's very next request, though the token's holder is remembered", async () => {
    const admin = await createActor("admin");
    const member = await createActor("member");
    const { token } = await issueTokenToMember(member, { label: "bot" });
    expect((await actorForToken(token))?.actor.role).toBe("member");
    await setUserRole(admin, { userId: member.actor.id, role: "moderator" });
    expect((await actorForToken(token))?.actor.role).toBe("moderator");
    await updateProfile({ actor: (await actorForToken(token))!.actor }, { name: "Renamed" });
    expect((await actorForToken(token))?.actor.name).toBe("Renamed");
  });

  it("are set by the operator by email", async () => {
    const address = email("promoted");
    await createAccount(from("10.0.3.1"), { email: address, password, name: "Promoted" });
    expect((await assignRoleByEmail(address, "moderator")).role).toBe("moderator");
    await expect(assignRoleByEmail(email("ghost"), "admin")).rejects.toBeInstanceOf(NotFound);
  });
});

describe("updateProfile", () => {
  it("changes the name and handle, refusing a taken handle and suspended members", async () => {
    const me = await createActor();
    const other = await createActor();
    expect(await updateProfile(me, { name: "  اسم جديد ", handle: "new_me_1" })).toMatchObject({ name: "اسم جديد", handle: "new_me_1" });
    await expect(updateProfile(other, { handle: "NEW_ME_1" })).rejects.toBeInstanceOf(Conflict);
    await expect(updateProfile(other, { handle: "no spaces" })).rejects.toBeInstanceOf(ValidationFailed);
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) });
    await expect(updateProfile(suspended, { name: "x" })).rejects.toBeInstanceOf(Suspended);
  });

  it("loads a fresh actor from the stored user", async () => {
    const [row] = await (await getDb()).select().from(users).limit(1);
    expect(toActor(row!)).toMatchObject({ id: row!.id, role: row!.role });
  });
});
