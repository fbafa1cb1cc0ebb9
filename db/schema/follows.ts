import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./ids";
import { targetTypeEnum } from "./moderation";
import { users } from "./users";

export const followTargetTypes = ["post", "scenario", "user"] as const;
export type FollowTargetType = (typeof followTargetTypes)[number];

/**
 * Who follows what. Keyed by the followed item first: a new reply or scenario reads its followers from the
 * primary key. The item's follower_count is kept in the transaction that adds or removes the row.
 */
export const follows = pgTable(
  "follows",
  {
    targetType: targetTypeEnum("target_type").notNull(),
    targetId: text("target_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId, t.userId] }),
    index("follows_user_idx").on(t.userId, t.createdAt),
    check("follows_target_type", sql`${t.targetType} in ('post', 'scenario', 'user')`),
  ],
);
export type Follow = typeof follows.$inferSelect;

export const notificationTypes = ["reply", "mention", "followed.scenario", "followed.reply", "moderation", "resolution", "suspension"] as const;
export type NotificationType = (typeof notificationTypes)[number];

/**
 * What a member is told. Written in the transaction of the event that causes it; a burst on one thing
 * (`group_key`, e.g. the scenario replies arrive under) coalesces into the member's one unread row of that type,
 * whose count grows and whose actor and time are the latest. The target is where reading starts: the first
 * reply or scenario of the burst. post/scenario/reply ids say where the target lives, so that a notification of
 * content hidden since is left out for those who may not see it.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<NotificationType>().notNull(),
    groupKey: text("group_key").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    targetType: targetTypeEnum("target_type").notNull(),
    targetId: text("target_id").notNull(),
    postId: text("post_id"),
    scenarioId: text("scenario_id"),
    replyId: text("reply_id"),
    count: integer("count").notNull().default(1),
    /** What the text needs beyond the target: a moderation action and reason, a score. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date", precision: 3 }),
    /** Email for this notification: null (none), `pending` (the sender's to do), `sent`, `skipped` (turned off or hidden since) or `failed` (gave up). */
    emailStatus: text("email_status").$type<"pending" | "sent" | "skipped" | "failed">(),
    emailAttempts: integer("email_attempts").notNull().default(0),
    /** When the sender may next try (claimed by moving it forward, so two nodes never send one email twice). */
    emailNextAt: timestamp("email_next_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [
    // The one unread row a burst grows; also how the unread count is found.
    uniqueIndex("notifications_unread_key").on(t.userId, t.type, t.groupKey).where(sql`${t.readAt} is null`),
    index("notifications_list_idx").on(t.userId, t.updatedAt, t.id),
    index("notifications_email_idx").on(t.emailNextAt).where(sql`${t.emailStatus} = 'pending'`),
    check("notifications_type", sql`${t.type} in ('reply', 'mention', 'followed.scenario', 'followed.reply', 'moderation', 'resolution', 'suspension')`),
  ],
);
export type Notification = typeof notifications.$inferSelect;
