import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "./ids";

export const roles = ["member", "moderator", "admin"] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("role", roles);

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date", precision: 3 }),
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: roleEnum("role").notNull().default("member"),
    /** Suspended while this lies in the future; null or past means active. */
    suspendedUntil: timestamp("suspended_until", { withTimezone: true, mode: "date", precision: 3 }),
    suspendReason: text("suspend_reason"),
    /** Members following this member; kept in the transaction that adds or removes a follow. */
    followerCount: integer("follower_count").notNull().default(0),
    /** Follow what one creates and replies to (on by default; a setting turns it off). */
    autoFollow: boolean("auto_follow").notNull().default(true),
    /** Email for mentions and replies, when SMTP_URL is set. */
    emailReplies: boolean("email_replies").notNull().default(false),
    /** The language of one's emails: the interface's when the email settings were last saved. */
    emailLocale: text("email_locale").$type<"ar" | "en">().notNull().default("ar"),
    /** A daily email digest of what one follows, when SMTP_URL is set. */
    emailDigest: boolean("email_digest").notNull().default(false),
    /** Up to when the digest has covered notifications; the claim that keeps several nodes from sending it twice. */
    digestSentAt: timestamp("digest_sent_at", { withTimezone: true, mode: "date", precision: 3 }),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), uniqueIndex("users_handle_key").on(sql`lower(${t.handle})`)],
);
export type User = typeof users.$inferSelect;

/** OAuth links, in the shape @auth/drizzle-adapter expects. */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("auth_accounts_user_idx").on(t.userId)],
);
export type AuthAccount = typeof authAccounts.$inferSelect;

export const authSessions = pgTable("auth_sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
});
export type AuthSession = typeof authSessions.$inferSelect;

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
export type VerificationToken = typeof verificationTokens.$inferSelect;

/** Personal API tokens: only a SHA-256 of the secret is stored; the secret is shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label").notNull().default(""),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date", precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;
