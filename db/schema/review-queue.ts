import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { targetTypeEnum } from "./moderation";
import { posts } from "./posts";
import { users } from "./users";

/** Where a flagged target stands in the review queue; `closed` ones have left it until someone flags again. */
export const reviewStates = ["open", "deferred", "autohidden", "closed"] as const;
export type ReviewState = (typeof reviewStates)[number];
/** The states that wait for a moderator: what the queue shows by default and the header counts. */
export const pendingReviewStates = ["open", "autohidden"] as const satisfies readonly ReviewState[];
export const reviewDecisions = ["uphold", "dismiss", "defer"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/**
 * One row per flagged target: the queue's priority (the sum of its open flags' weights) kept in the same
 * transaction as the flags and decisions, so the queue is read through its index instead of summing flags.
 * `version` grows with every change, so a moderator deciding on what they loaded can be told it moved.
 */
export const reviewItems = pgTable(
  "review_items",
  {
    targetType: targetTypeEnum("target_type").notNull(),
    targetId: text("target_id").notNull(),
    postId: text("post_id").references(() => posts.id),
    state: text("state").$type<ReviewState>().notNull().default("open"),
    score: doublePrecision("score").notNull().default(0),
    openFlags: integer("open_flags").notNull().default(0),
    /** Hidden by the forum itself when the open weight reached MIZAN_AUTOHIDE_WEIGHT, pending a decision. */
    autoHiddenAt: timestamp("auto_hidden_at", { withTimezone: true, mode: "date", precision: 3 }),
    version: integer("version").notNull().default(1),
    decision: text("decision").$type<ReviewDecision>(),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date", precision: 3 }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId] }),
    index("review_items_queue_idx").on(t.state, sql`${t.score} desc`, t.targetType, t.targetId),
    // What waits for a decision (open and auto-hidden alike), read backwards: highest score first, no sort.
    index("review_items_pending_idx")
      .on(t.score, t.targetType, t.targetId)
      .where(sql`${t.state} in ('open', 'autohidden')`),
  ],
);
export type ReviewItem = typeof reviewItems.$inferSelect;

/** A flagger's record, after Discourse's user_stats.flags_agreed/disagreed: it weighs their later flags. */
export const flaggerStats = pgTable("flagger_stats", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  agreed: integer("agreed").notNull().default(0),
  disagreed: integer("disagreed").notNull().default(0),
});
export type FlaggerStats = typeof flaggerStats.$inferSelect;
