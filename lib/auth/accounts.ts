import { setTimeout } from "node:timers/promises";
import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { roles, users, type Role, type User } from "@/db/schema";
import { env } from "@/lib/env";
import { Conflict, NotFound, Unauthenticated } from "@/lib/errors";
import { dropPagesEverywhere } from "@/lib/live/page-drops";
import { dropUserSockets } from "@/lib/live/user-sockets";
import { recordModeration } from "@/lib/moderation/log";
import { assertWithinRateLimit, attemptsSoFar, consumeRateLimit, countAttempt } from "@/lib/rate-limit";
import { userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import type { Context } from "./actor";
import { alternativeHandle, deriveHandle, handlePattern } from "./handles";
import { hashPassword, verifyPassword } from "./passwords";
import { signInDelayMs } from "./sign-in-delay";
import { assertCan } from "./permissions";
import { forgetTokenHolders } from "./token-cache";
import { toUserView, type UserView } from "./user-view";

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address").max(254, "must be at most 254 characters"));
const Password = z.string().min(10, "must be at least 10 characters").max(256, "must be at most 256 characters");
const DisplayName = userText(1, 80);
const Handle = z.string().trim().regex(handlePattern, "must be 3–30 letters, digits or underscores");

export const CreateAccountInput = z.object({ email: Email, password: Password, name: DisplayName });
export type CreateAccountInput = Unparsed<typeof CreateAccountInput>;

/** Inserts the user under the first free handle derived from the email; the email must be new. */
async function insertUser(values: Omit<typeof users.$inferInsert, "handle">): Promise<User> {
  const db = await getDb();
  const base = deriveHandle(values.email);
  for (let attempt = 0; attempt < 50; attempt++) {
    const handle = attempt === 0 ? base : alternativeHandle(base, attempt);
    try {
      const [user] = await db.insert(users).values({ ...values, handle }).returning();
      return user!;
    } catch (error) {
      if (isUniqueViolation(error, "users_email_key")) throw new Conflict("An account with this email already exists.");
      if (!isUniqueViolation(error, "users_handle_key")) throw error;
    }
  }
  throw new Conflict("Could not find a free handle for this email.");
}

/**
 * Creates a member account (an admin when the email is in MIZAN_ADMIN_EMAILS). Anyone may call it; rate limited
 * per address. Not idempotent: a second call with the same email is a Conflict.
 */
export async function createAccount(ctx: Context, input: CreateAccountInput): Promise<UserView> {
  const { email, password, name } = parseInput(CreateAccountInput, input);
  await consumeRateLimit("signUpByIp", ctx.ip ?? "unknown");
  const [existing] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new Conflict("An account with this email already exists.");
  const user = await insertUser({
    email,
    name,
    passwordHash: await hashPassword(password),
    role: env().MIZAN_ADMIN_EMAILS.includes(email) ? "admin" : "member",
  });
  return toUserView(user);
}

export const CredentialsInput = z.object({ email: Email, password: z.string().min(1).max(256) });
export type CredentialsInput = Unparsed<typeof CredentialsInput>;

/**
 * Checks an email and password. Anyone may call it; rate limited per address, and per email after failures. An unknown email
 * and a wrong password fail alike, in about the same time.
 */
export async function verifyCredentials(ctx: Context, input: CredentialsInput): Promise<User> {
  const parsed = CredentialsInput.safeParse(input);
  if (!parsed.success) throw new Unauthenticated("Wrong email or password.");
  const { email, password } = parsed.data;
  const ip = ctx.ip ?? "unknown";
  await consumeRateLimit("signInByIp", ip);
  // Failures are counted per (email, address): a guesser is refused for that pair only, so nobody can lock an
  // owner out by failing on their email from elsewhere. Past a far higher ceiling per email, attempts are slowed.
  const pair = `${email} ${ip}`;
  await assertWithinRateLimit("failedSignInByEmailAndIp", pair);
  const [pairFailures, emailFailures] = await Promise.all([
    attemptsSoFar("failedSignInByEmailAndIp", pair),
    attemptsSoFar("failedSignInByEmail", email),
  ]);
  const delay = signInDelayMs(pairFailures.used, emailFailures.used, emailFailures.allowed);
  if (delay > 0) await setTimeout(delay);
  const [user] = await (await getDb()).select().from(users).where(eq(users.email, email));
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await Promise.all([countAttempt("failedSignInByEmailAndIp", pair), countAttempt("failedSignInByEmail", email)]);
    throw new Unauthenticated("Wrong email or password.");
  }
  return user;
}

export const SetUserRoleInput = z.object({ userId: Identifier, role: z.enum(roles), reason: userText(0, 500).default("") });
export type SetUserRoleInput = Unparsed<typeof SetUserRoleInput>;

/** Writes a role change and its log entry in one transaction; the user's open sockets are then dropped. */
async function writeRole(where: SQL, role: Role, actorId: string | null, reason: string): Promise<User> {
  const db = await getDb();
  const user = await db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({ role }).where(where).returning();
    if (!updated) throw new NotFound("The user");
    await recordModeration(tx, { actorId, action: "role.set", targetType: "user", targetId: updated.id, reason, details: { role } });
    return updated;
  });
  dropUserSockets(user.id);
  forgetTokenHolders({ userId: user.id });
  dropPagesEverywhere();
  return user;
}

/** Changes a user's role. Admins only; logged. Idempotent. */
export async function setUserRole(ctx: Context, input: SetUserRoleInput): Promise<UserView> {
  const actor = assertCan(ctx.actor, { action: "user.setRole" });
  const { userId, role, reason } = parseInput(SetUserRoleInput, input);
  return toUserView(await writeRole(eq(users.id, userId), role, actor.id, reason));
}

/** The operator's role change from the command line (`npm run admin`), which holds the database itself. */
export async function assignRoleByEmail(email: string, role: string): Promise<UserView> {
  const parsed = parseInput(z.object({ email: Email, role: z.enum(roles) }), { email, role });
  return toUserView(await writeRole(eq(users.email, parsed.email), parsed.role, null, "command line"));
}

export const UpdateProfileInput = z.object({ name: DisplayName.optional(), handle: Handle.optional() });
export type UpdateProfileInput = Unparsed<typeof UpdateProfileInput>;

/** Changes the signed-in member's own display name or handle. Members only (not while suspended). Idempotent. */
export async function updateProfile(ctx: Context, input: UpdateProfileInput): Promise<UserView> {
  const changes = parseInput(UpdateProfileInput, input);
  const actor = assertCan(ctx.actor, { action: "profile.update" });
  const db = await getDb();
  try {
    const [user] = await db.update(users).set(changes).where(eq(users.id, actor.id)).returning();
    forgetTokenHolders({ userId: user!.id });
    // Names and handles are on kept pages (author chips, profiles).
    dropPagesEverywhere();
    return toUserView(user!);
  } catch (error) {
    if (isUniqueViolation(error, "users_handle_key")) throw new Conflict("This handle is taken.");
    throw error;
  }
}

/** Creates the user behind a first GitHub or Google sign-in (called by the Auth.js adapter). */
export async function createProviderUser(profile: { email: string; name?: string | null; image?: string | null }): Promise<User> {
  const email = Email.parse(profile.email);
  return insertUser({
    email,
    name: profile.name?.trim() || email.split("@")[0]!,
    image: profile.image ?? null,
    emailVerified: new Date(),
    role: env().MIZAN_ADMIN_EMAILS.includes(email) ? "admin" : "member",
  });
}

/** A user by handle, case-insensitively; anyone may read profiles. */
export async function getUserByHandle(_ctx: Context, handle: string): Promise<User> {
  const [user] = await (await getDb())
    .select()
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`);
  if (!user) throw new NotFound("The member");
  return user;
}

/** A user by id, or null; used to turn a session or token into an actor. */
export async function findUserById(id: string): Promise<User | null> {
  const [user] = await (await getDb()).select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** The signed-in caller as the API shows a user (`GET /me`); anonymous callers are told to sign in. */
export function currentMember(ctx: Context): UserView {
  if (!ctx.actor) throw new Unauthenticated();
  return toUserView(ctx.actor);
}
