import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { preparedFor } from "@/db/prepared";
import { apiTokens, users } from "@/db/schema";
import { NotFound, Unauthenticated } from "@/lib/errors";
import { userText } from "@/lib/text/normalize";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { verifyCredentials } from "./accounts";
import type { Context } from "./actor";
import { assertCan } from "./permissions";
import { cachedTokenHolder, forgetTokenHolders, rememberTokenHolder, type TokenHolder } from "./token-cache";
import { actorColumns, toActor, toUserView, type UserView } from "./user-view";

const tokenPrefix = "mzn_";

function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type ApiTokenView = { id: string; label: string; createdAt: string; lastUsedAt: string | null };

async function issue(userId: string, label: string): Promise<{ token: string; id: string }> {
  const token = tokenPrefix + randomBytes(32).toString("base64url");
  const [row] = await (await getDb())
    .insert(apiTokens)
    .values({ userId, label, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id });
  return { token, id: row!.id };
}

const Label = userText(0, 100).default("");

export const PasswordTokenInput = z.object({ email: z.unknown(), password: z.unknown(), label: Label });
export type PasswordTokenInput = Unparsed<typeof PasswordTokenInput>;

/**
 * Exchanges an email and password for a new personal API token, shown once and stored hashed. Anyone may call
 * it; rate limited like sign-in. Not idempotent: each call issues another token.
 */
export async function exchangePasswordForToken(ctx: Context, input: PasswordTokenInput): Promise<{ token: string; user: UserView }> {
  const { email, password, label } = parseInput(PasswordTokenInput, input);
  const user = await verifyCredentials(ctx, { email, password });
  const { token } = await issue(user.id, label);
  return { token, user: toUserView(user) };
}

export const MemberTokenInput = z.object({ label: Label });
export type MemberTokenInput = Unparsed<typeof MemberTokenInput>;

/** Issues a token to the signed-in member (settings page). Members only. */
export async function issueTokenToMember(ctx: Context, input: MemberTokenInput): Promise<{ token: string; id: string }> {
  const { label } = parseInput(MemberTokenInput, input);
  const actor = assertCan(ctx.actor, { action: "token.manage" });
  return issue(actor.id, label);
}

/** The signed-in member's live tokens, newest first. */
export async function listApiTokens(ctx: Context): Promise<ApiTokenView[]> {
  const actor = assertCan(ctx.actor, { action: "token.manage" });
  const rows = await (await getDb())
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    label: t.label,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Revokes one of the signed-in member's tokens; it stops working at once. Idempotent. */
export async function revokeApiToken(ctx: Context, input: { tokenId?: unknown }): Promise<void> {
  const { tokenId } = parseInput(z.object({ tokenId: Identifier }), input);
  const actor = assertCan(ctx.actor, { action: "token.manage" });
  const [row] = await (await getDb())
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id)))
    .returning({ id: apiTokens.id });
  if (!row) throw new NotFound("The token");
  forgetTokenHolders({ tokenId });
}

/** Revokes the bearer token the request came with (`DELETE /tokens/current`): a token signs itself out. */
export async function revokeCurrentToken(ctx: Context): Promise<void> {
  if (!ctx.tokenId) throw new Unauthenticated("Send the token to revoke as Authorization: Bearer.");
  await revokeApiToken(ctx, { tokenId: ctx.tokenId });
}

const tokenHolder = preparedFor((db) =>
  db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: actorColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt)))
    .prepare("token_holder"),
);

/**
 * Who holds a bearer token, or null when it is unknown or revoked. Remembered for a few seconds (token-cache.ts);
 * records the token's use at most once a minute.
 */
export async function actorForToken(secret: string): Promise<TokenHolder | null> {
  if (!secret.startsWith(tokenPrefix) || secret.length > 200) return null;
  const tokenHash = hashToken(secret);
  const cached = cachedTokenHolder(tokenHash);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await tokenHolder(db).execute({ tokenHash });
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  }
  const holder = { actor: toActor(row.user), tokenId: row.tokenId };
  rememberTokenHolder(tokenHash, holder);
  return holder;
}
