import { randomBytes } from "node:crypto";
import { text, timestamp } from "drizzle-orm/pg-core";

/** Opaque, URL-safe, 16-character ids (96 random bits). */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}

export const idColumn = () => text("id").primaryKey().$defaultFn(newId);
export const createdAtColumn = () => timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow();
