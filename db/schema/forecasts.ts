import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAtColumn, idColumn } from "./ids";
import { posts } from "./posts";
import { users } from "./users";

/** Integer percentages per scenario id; `other` holds the rest so the whole sums to 100. */
export type Distribution = Record<string, number>;

/** Every forecast a member made on a post; exactly one per (post, member) is current. */
export const forecasts = pgTable(
  "forecasts",
  {
    id: idColumn(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    probabilities: jsonb("probabilities").$type<Distribution>().notNull(),
    other: integer("other").notNull(),
    isCurrent: boolean("is_current").notNull().default(true),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("forecasts_current_key").on(t.postId, t.userId).where(sql`${t.isCurrent}`),
    index("forecasts_post_time_idx").on(t.postId, t.createdAt),
  ],
);
export type Forecast = typeof forecasts.$inferSelect;

/** The community forecast over time, one row per scenario (null = Other) per recorded moment. */
export const communityForecastPoints = pgTable(
  "community_forecast_points",
  {
    id: idColumn(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    scenarioId: text("scenario_id"),
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    probability: doublePrecision("probability").notNull(),
    low: doublePrecision("low").notNull(),
    high: doublePrecision("high").notNull(),
    forecasters: integer("forecasters").notNull(),
  },
  (t) => [
    index("community_forecast_points_idx").on(t.postId, t.scenarioId, t.at),
    // The latest figure of a post is read by time across its scenarios.
    index("community_forecast_points_post_at_idx").on(t.postId, t.at),
  ],
);
export type CommunityForecastPoint = typeof communityForecastPoints.$inferSelect;

/** Time-averaged Brier score of a member on a resolved post. */
export const forecastScores = pgTable(
  "forecast_scores",
  {
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    brier: doublePrecision("brier").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("forecast_scores_key").on(t.postId, t.userId), index("forecast_scores_user_idx").on(t.userId)],
);
export type ForecastScore = typeof forecastScores.$inferSelect;
