import { customType, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { targetTypeEnum } from "./moderation";
import { posts } from "./posts";

export const searchTargetTypes = ["post", "scenario", "reply"] as const;
export type SearchTargetType = (typeof searchTargetTypes)[number];

/** A tsvector written as its text form; built by lib/search from the normalised words, never by a dictionary. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The search index: one row per post, scenario and reply, written in the same transaction as the row's text.
 * Kept apart from the content tables so that reading a post or a thread never carries its index along.
 * Visibility is not copied here: a search joins the content rows and applies the visibility rule to them.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    targetType: targetTypeEnum("target_type").$type<SearchTargetType>().notNull(),
    targetId: text("target_id").notNull(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    document: tsvector("document").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId] }),
    index("search_documents_document_idx").using("gin", t.document),
    index("search_documents_post_idx").on(t.postId),
  ],
);
export type SearchDocument = typeof searchDocuments.$inferSelect;
