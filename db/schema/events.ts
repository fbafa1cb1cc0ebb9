import { bigint, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./ids";
import { posts } from "./posts";

/** The outbox: each write others should see commits one row here, numbered gaplessly per post. */
export const events = pgTable(
  "events",
  {
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.seq] })],
);
export type Event = typeof events.$inferSelect;
