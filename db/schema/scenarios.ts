import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  boolean,
} from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "./ids";
import { posts, type ModerationNote } from "./posts";
import { users } from "./users";

export const scenarioStatuses = ["visible", "hidden", "merged"] as const;
export const scenarioStatusEnum = pgEnum("scenario_status", scenarioStatuses);

export const scenarios = pgTable(
  "scenarios",
  {
    id: idColumn(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    html: text("html").notNull(),
    /** textFingerprint(title, body): finds a member's repeated proposal (null on rows from before it existed). */
    fingerprint: text("fingerprint"),
    /** Plain-text opening of the body for cards, made when the body is written. */
    excerpt: text("excerpt").notNull().default(""),
    /** Place on the post's two axes, 0–100. */
    x: smallint("x").notNull().default(50),
    y: smallint("y").notNull().default(50),
    score: integer("score").notNull().default(0),
    up: integer("up").notNull().default(0),
    down: integer("down").notNull().default(0),
    replyCount: integer("reply_count").notNull().default(0),
    status: scenarioStatusEnum("status").notNull().default("visible"),
    mergedIntoId: text("merged_into_id"),
    isPinned: boolean("is_pinned").notNull().default(false),
    /** A locked scenario takes no new replies or votes (moderators exempt). */
    isLocked: boolean("is_locked").notNull().default(false),
    /** The latest moderator action on it (see ModerationNote); null until there is one. */
    moderation: jsonb("moderation").$type<ModerationNote>(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    createdAt: createdAtColumn(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [
    index("scenarios_post_new_idx").on(t.postId, t.createdAt, t.id),
    index("scenarios_post_top_idx").on(t.postId, t.score, t.id),
    index("scenarios_author_idx").on(t.authorId, t.createdAt),
    check("scenarios_x_range", sql`${t.x} between 0 and 100`),
    check("scenarios_y_range", sql`${t.y} between 0 and 100`),
  ],
);
export type Scenario = typeof scenarios.$inferSelect;

/** Every edit keeps the text as it was before. */
export const scenarioRevisions = pgTable(
  "scenario_revisions",
  {
    id: idColumn(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    editorId: text("editor_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** The body as rendered when it was written (copied from the scenario); null on rows from before it existed. */
    html: text("html"),
    x: smallint("x").notNull(),
    y: smallint("y").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index("scenario_revisions_scenario_idx").on(t.scenarioId, t.createdAt)],
);
export type ScenarioRevision = typeof scenarioRevisions.$inferSelect;

/**
 * One row per member per scenario (value 0 once retracted, so the row can be locked); the scenario's up, down
 * and score are kept equal to a recount of these.
 */
export const votes = pgTable(
  "votes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    value: smallint("value").notNull(),
    /** The value before the latest change: lets one statement move the scenario's counters by the difference. */
    previousValue: smallint("previous_value").notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.scenarioId] }),
    index("votes_scenario_idx").on(t.scenarioId),
    check("votes_value_range", sql`${t.value} in (-1, 0, 1)`),
    check("votes_previous_value_range", sql`${t.previousValue} in (-1, 0, 1)`),
  ],
);
export type Vote = typeof votes.$inferSelect;

/** Unfinished compositions, saved as the member types, keyed by what they are writing (e.g. `scenario:<postId>`). */
export const drafts = pgTable(
  "drafts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
export type Draft = typeof drafts.$inferSelect;

/** Results of creates made with an Idempotency-Key, returned again on retry. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
