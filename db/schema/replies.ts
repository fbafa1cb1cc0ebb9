import { customType, index, jsonb, pgEnum, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAtColumn, idColumn } from "./ids";
import { contentStatusEnum, posts, type ModerationNote } from "./posts";
import { scenarios } from "./scenarios";
import { users } from "./users";
import { stances } from "@/lib/forum/stances";

export { stances, type Stance } from "@/lib/forum/stances";
export const stanceEnum = pgEnum("stance", stances);

/** Text compared byte by byte whatever the database's collation: thread order must not depend on the locale. */
const bytewiseText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const replies = pgTable(
  "replies",
  {
    id: idColumn(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id),
    parentId: text("parent_id"),
    depth: smallint("depth").notNull().default(0),
    /** Materialised path of sortable ids from the root; ordering by it yields thread order. */
    path: bytewiseText("path").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    html: text("html").notNull(),
    /** textFingerprint(body): finds a member's repeated reply (null on rows from before it existed). */
    fingerprint: text("fingerprint"),
    stance: stanceEnum("stance").notNull().default("neutral"),
    status: contentStatusEnum("status").notNull().default("visible"),
    /** The latest moderator action on it (see ModerationNote); null until there is one. */
    moderation: jsonb("moderation").$type<ModerationNote>(),
    createdAt: createdAtColumn(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [
    index("replies_thread_idx").on(t.scenarioId, t.path),
    // The top-level replies of a scenario, in order: where each page of its debate starts.
    index("replies_roots_idx").on(t.scenarioId, t.path).where(sql`${t.depth} = 0`),
    index("replies_author_idx").on(t.authorId, t.createdAt),
  ],
);
export type Reply = typeof replies.$inferSelect;

export const replyRevisions = pgTable(
  "reply_revisions",
  {
    id: idColumn(),
    replyId: text("reply_id")
      .notNull()
      .references(() => replies.id),
    editorId: text("editor_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    stance: stanceEnum("stance").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index("reply_revisions_reply_idx").on(t.replyId, t.createdAt)],
);
export type ReplyRevision = typeof replyRevisions.$inferSelect;
