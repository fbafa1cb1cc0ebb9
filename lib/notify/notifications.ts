import { and, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb } from "@/db/client";
import { notifications, posts, replies, scenarios, users, type Locale, type NotificationType } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan, visibleToRecipient } from "@/lib/auth/permissions";
import { postPath, replyInThreadPath, scenarioPath } from "@/lib/forum/paths";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import { consumeRateLimit } from "@/lib/rate-limit";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";
import { notificationText } from "./text";

export type NotificationView = {
  id: string;
  type: NotificationType;
  read: boolean;
  at: string;
  actor: { id: string; handle: string; name: string } | null;
  targetType: string;
  targetId: string;
  postId: string | null;
  url: string;
  count: number;
  text: string;
};

const actors = alias(users, "actors");
const recipients = alias(users, "recipients");

/**
 * Whether the notification may still tell its recipient what it is about (visibleToRecipient): content hidden
 * since drops out for members, as if never sent. Notifications about the member's own
 * standing (moderation of their content, suspension, resolution) always remain.
 */
const stillVisible: SQL = or(
  inArray(notifications.type, ["moderation", "suspension", "resolution"]),
  visibleToRecipient(recipients, { status: posts.status, authorId: posts.authorId }, { status: scenarios.status, authorId: scenarios.authorId }, { status: replies.status, authorId: replies.authorId }),
)!;

function visibleNotifications(db: Awaited<ReturnType<typeof getDb>>, userId: string) {
  return db
    .select({
      n: notifications,
      actor: { id: actors.id, handle: actors.handle, name: actors.name },
      slug: posts.slug,
      postTitle: posts.title,
      scenarioTitle: scenarios.title,
      recipientHandle: recipients.handle,
    })
    .from(notifications)
    .innerJoin(recipients, eq(recipients.id, notifications.userId))
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(scenarios, eq(scenarios.id, notifications.scenarioId))
    .leftJoin(replies, eq(replies.id, notifications.replyId))
    .where(and(eq(notifications.userId, userId), stillVisible))
    .$dynamic();
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleNotifications>["execute"]>>[number];

function urlOf(row: Row): string {
  const { n, slug } = row;
  if (n.type === "suspension") return `/u/${row.recipientHandle}`;
  if (!slug) return "/notifications";
  if (n.replyId && n.scenarioId) return replyInThreadPath(slug, n.scenarioId, n.replyId);
  if (n.scenarioId) return scenarioPath(slug, n.scenarioId);
  return postPath(slug);
}

function toView(row: Row, locale: Locale): NotificationView {
  const { n } = row;
  return {
    id: n.id,
    type: n.type,
    read: n.readAt !== null,
    at: n.updatedAt.toISOString(),
    actor: row.actor?.id ? row.actor : null,
    targetType: n.targetType,
    targetId: n.targetId,
    postId: n.postId,
    url: urlOf(row),
    count: n.count,
    text: notificationText(locale, { type: n.type, count: n.count, actor: row.actor?.name ?? null, scenario: row.scenarioTitle, post: row.postTitle, data: n.data }),
  };
}

/** How many unread notifications the member has (of what they may still see). */
export async function countUnread(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(recipients, eq(recipients.id, notifications.userId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(scenarios, eq(scenarios.id, notifications.scenarioId))
    .leftJoin(replies, eq(replies.id, notifications.replyId))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), stillVisible));
  return row!.n;
}

/** Notifications by id, for delivery after commit. */
export async function notificationViews(userId: string, ids: string[], locale: Locale): Promise<NotificationView[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await visibleNotifications(db, userId).where(and(eq(notifications.userId, userId), inArray(notifications.id, ids), stillVisible));
  return rows.map((row) => toView(row, locale));
}

/** The member's unread notifications that moved since `since`, newest first: what a daily digest tells. */
export async function unreadSince(userId: string, since: Date, locale: Locale, limit = 50): Promise<NotificationView[]> {
  const db = await getDb();
  const rows = await visibleNotifications(db, userId)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), gt(notifications.updatedAt, since), stillVisible))
    .orderBy(desc(notifications.updatedAt), desc(notifications.id))
    .limit(limit);
  return rows.map((row) => toView(row, locale));
}

export const ListNotificationsInput = z.object({
  unread: z.enum(["0", "1", "true", "false"]).optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
  locale: z.enum(["ar", "en"]).default("ar"),
});
export type ListNotificationsInput = Unparsed<typeof ListNotificationsInput>;

/** The member's notifications, newest first, paginated; `unread=1` only unread ones. Signed-in members. */
export async function listNotifications(ctx: Context, input: ListNotificationsInput): Promise<{ notifications: NotificationView[]; unread: number; nextCursor: string | null }> {
  const { unread, limit, cursor, locale } = parseInput(ListNotificationsInput, input);
  const userId = assertCan(ctx.actor, { action: "notification.read" }).id;
  const after = cursor ? decodeCursor(cursor, z.tuple([z.iso.datetime(), Identifier])) : null;
  const db = await getDb();
  const rows = await visibleNotifications(db, userId)
    .where(
      and(
        eq(notifications.userId, userId),
        stillVisible,
        unread === "1" || unread === "true" ? isNull(notifications.readAt) : undefined,
        after ? or(lt(notifications.updatedAt, new Date(after[0])), and(eq(notifications.updatedAt, new Date(after[0])), lt(notifications.id, after[1]))) : undefined,
      ),
    )
    .orderBy(desc(notifications.updatedAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    notifications: page.map((row) => toView(row, locale)),
    unread: await countUnread(userId),
    nextCursor: rows.length > limit && last ? encodeCursor([last.n.updatedAt.toISOString(), last.n.id]) : null,
  };
}

export const MarkReadInput = z.union([z.object({ ids: z.array(Identifier).min(1).max(200) }).strict(), z.object({ all: z.literal(true) }).strict()]);
export type MarkReadInput = { ids?: unknown; all?: unknown };

/** Marks some (or all) of the member's notifications read; others' ids are ignored. Idempotent. → the unread count. */
export async function markNotificationsRead(ctx: Context, input: MarkReadInput): Promise<{ unread: number }> {
  const parsed = parseInput(MarkReadInput, input);
  const userId = assertCan(ctx.actor, { action: "notification.read" }).id;
  await consumeRateLimit("notificationReads", userId);
  const db = await getDb();
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), "ids" in parsed ? inArray(notifications.id, parsed.ids) : undefined));
  return { unread: await countUnread(userId) };
}
