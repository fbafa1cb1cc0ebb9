import { sql } from "drizzle-orm";
import { doublePrecision, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "./ids";
import { posts } from "./posts";
import { users } from "./users";

export const targetTypes = ["post", "scenario", "reply", "user"] as const;
export type TargetType = (typeof targetTypes)[number];
export const targetTypeEnum = pgEnum("target_type", targetTypes);

export const flagReasons = ["spam", "abuse", "off_topic", "duplicate", "illegal", "other"] as const;
export const flagReasonEnum = pgEnum("flag_reason", flagReasons);

/** resolved: upheld by a moderator; dismissed: turned down; withdrawn: taken back by its flagger. */
export const flagStatuses = ["open", "resolved", "dismissed", "withdrawn"] as const;
export const flagStatusEnum = pgEnum("flag_status", flagStatuses);

export const flags = pgTable(
  "flags",
  {
    id: idColumn(),
    targetType: targetTypeEnum("target_type").notNull(),
    targetId: text("target_id").notNull(),
    postId: text("post_id").references(() => posts.id),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id),
    reason: flagReasonEnum("reason").notNull(),
    note: text("note"),
    /** The flag's weight in the review queue, fixed when it is made (flagScore of its flagger then). */
    weight: doublePrecision("weight").notNull().default(1),
    status: flagStatusEnum("status").notNull().default("open"),
    createdAt: createdAtColumn(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date", precision: 3 }),
    resolvedById: text("resolved_by_id").references(() => users.id),
  },
  (t) => [
    index("flags_queue_idx").on(t.status, t.targetType, t.targetId),
    uniqueIndex("flags_open_once_key")
      .on(t.reporterId, t.targetType, t.targetId)
      .where(sql`${t.status} = 'open'`),
  ],
);
export type Flag = typeof flags.$inferSelect;

/** Every moderator action, never deleted. A null actor is the operator, acting from the command line. */
export const moderationLog = pgTable(
  "moderation_log",
  {
    id: idColumn(),
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    targetType: targetTypeEnum("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason").notNull().default(""),
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("moderation_log_time_idx").on(t.createdAt, t.id),
    // The log filtered by who acted or what was acted on (a member's history), newest first.
    index("moderation_log_actor_idx").on(t.actorId, t.createdAt, t.id),
    index("moderation_log_target_idx").on(t.targetType, t.targetId, t.createdAt, t.id),
  ],
);
export type ModerationLogEntry = typeof moderationLog.$inferSelect;
