import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "./ids";
import { users } from "./users";

export const locales = ["ar", "en"] as const;
export type Locale = (typeof locales)[number];

/** A label in every UI language. */
export type LocalizedText = Record<Locale, string>;
export type Axis = { label: LocalizedText; low: LocalizedText; high: LocalizedText };
/** Names for the map's four corners, by where x and y stand (high or low). */
export type Quadrants = { highHigh: LocalizedText; highLow: LocalizedText; lowHigh: LocalizedText; lowLow: LocalizedText };
export type Axes = { x: Axis; y: Axis; quadrants?: Quadrants };

/**
 * The latest moderator action on a post, scenario or reply: what, why, when and by whom (null: the forum itself,
 * an auto-hide), and `version`, how many actions it has had: a moderator acting on an older version than this is
 * told who changed it since (409). The author of hidden content sees the action, reason and time, nothing more.
 */
export type ModerationNote = { action: string; reason: string; at: string; by: { id: string; handle: string } | null; version: number };

export const contentStatuses = ["visible", "hidden"] as const;
export const contentStatusEnum = pgEnum("content_status", contentStatuses);

export const resolutionOutcomes = ["scenario", "other", "annulled"] as const;
export const resolutionOutcomeEnum = pgEnum("resolution_outcome", resolutionOutcomes);

/** What a post says in one language: the original's columns, and each translation's. */
const localizedText = () => ({
  lang: text("lang").$type<Locale>().notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  html: text("html").notNull(),
  question: text("question").notNull(),
  disclaimer: text("disclaimer"),
});

export const posts = pgTable(
  "posts",
  {
    id: idColumn(),
    slug: text("slug").notNull(),
    ...localizedText(),
    axes: jsonb("axes").$type<Axes>().notNull(),
    authorId: text("author_id").references(() => users.id),
    status: contentStatusEnum("status").notNull().default("visible"),
    isLocked: boolean("is_locked").notNull().default(false),
    isPinned: boolean("is_pinned").notNull().default(false),
    /** Slow mode: the least time between one member's replies on the post, in seconds (0: off). */
    slowModeSeconds: integer("slow_mode_seconds").notNull().default(0),
    /** Contest mode until this moment (null: off): scenarios in a random order per reader, scores hidden from non-moderators. */
    contestUntil: timestamp("contest_until", { withTimezone: true, mode: "date", precision: 3 }),
    /** The latest moderator action on it (see ModerationNote); null until there is one. */
    moderation: jsonb("moderation").$type<ModerationNote>(),
    /** Visible scenarios; kept in the same transaction as the scenario rows. */
    scenarioCount: integer("scenario_count").notNull().default(0),
    /** Members following the post; kept in the transaction that adds or removes a follow. */
    followerCount: integer("follower_count").notNull().default(0),
    /** The post's latest outbox seq; bumped under the row lock so seqs are gapless. */
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date", precision: 3 }),
    resolutionOutcome: resolutionOutcomeEnum("resolution_outcome"),
    resolvedScenarioId: text("resolved_scenario_id"),
    resolutionNote: text("resolution_note"),
    /** When a scenario or reply last arrived (or the post was opened): the home page's order. */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("posts_slug_key").on(t.slug),
    index("posts_listing_idx").on(t.status, t.isPinned, t.createdAt, t.id),
    index("posts_activity_idx").on(t.status, t.isPinned, t.lastActivityAt, t.id),
  ],
);
export type Post = typeof posts.$inferSelect;

/** A post in another language, linked to its original. */
export const postTranslations = pgTable(
  "post_translations",
  {
    id: idColumn(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    ...localizedText(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("post_translations_post_lang_key").on(t.postId, t.lang)],
);
export type PostTranslation = typeof postTranslations.$inferSelect;

/** Every edit of a post keeps its text as it was before. */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: idColumn(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    editorId: text("editor_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    question: text("question").notNull(),
    axes: jsonb("axes").$type<Axes>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId, t.createdAt)],
);
export type PostRevision = typeof postRevisions.$inferSelect;
