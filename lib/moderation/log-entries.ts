import { and, desc, eq, gt, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { moderationLog, targetTypes, users } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, Limit } from "@/lib/pagination";
import { csvRow } from "@/lib/text/csv";
import { Identifier, parseInput, type Unparsed } from "@/lib/validation";

/** A time with its offset; a minute without one (what a browser's datetime-local field sends) is read as UTC. */
const LogTime = z.preprocess(
  (value) => (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00Z` : value),
  z.iso.datetime({ offset: true }),
);

/** The filters of the log, as the API and the /mod/log page take them. `actor` is a member's id or handle. */
export const LogFilters = z.object({
  actor: z.string().trim().min(1).max(100).regex(/^@?[A-Za-z0-9_-]+$/, "must be an id or a handle").optional(),
  targetType: z.enum(targetTypes).optional(),
  targetId: Identifier.optional(),
  action: z.string().min(1).max(60).regex(/^[a-z_.-]+$/, "must be an action such as queue.uphold").optional(),
  after: LogTime.optional(),
  before: LogTime.optional(),
});
export const ListModerationLogInput = LogFilters.extend({ limit: Limit, cursor: z.string().max(500).optional() });
export type ListModerationLogInput = Unparsed<typeof ListModerationLogInput>;

export type LogEntryView = {
  id: string;
  /** null: the forum itself (auto-hide) or the operator from the command line. */
  actor: { id: string; handle: string; name: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  reason: string;
  at: string;
  change: Record<string, unknown> | null;
};

const LogCursor = z.tuple([z.iso.datetime(), Identifier]);
// Empty strings from a filter form mean "any".
const dropEmpty = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ""));

/** The filters as SQL; an actor that names nobody matches nothing. */
async function conditions(filters: z.infer<typeof LogFilters>): Promise<SQL | undefined> {
  let actorId: string | undefined;
  if (filters.actor) {
    const wanted = filters.actor.replace(/^@/, "");
    const [user] = await (await getDb())
      .select({ id: users.id })
      .from(users)
      .where(or(eq(users.id, wanted), sql`lower(${users.handle}) = lower(${wanted})`))
      .limit(1);
    actorId = user?.id ?? "";
  }
  return and(
    actorId !== undefined ? eq(moderationLog.actorId, actorId) : undefined,
    filters.targetType ? eq(moderationLog.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(moderationLog.targetId, filters.targetId) : undefined,
    filters.action ? eq(moderationLog.action, filters.action) : undefined,
    filters.after ? gt(moderationLog.createdAt, new Date(filters.after)) : undefined,
    filters.before ? lt(moderationLog.createdAt, new Date(filters.before)) : undefined,
  );
}

/**
 * The moderation log, newest first, filtered by who acted, on what, which action and when (`after` < at <
 * `before`). Moderators only; read-only. Each filter has an index that serves it in this order.
 */
export async function listModerationLog(ctx: Context, input: ListModerationLogInput): Promise<{ entries: LogEntryView[]; nextCursor: string | null }> {
  const { limit, cursor, ...filters } = parseInput(ListModerationLogInput, dropEmpty(input));
  assertCan(ctx.actor, { action: "log.read" });
  const after = cursor ? decodeCursor(cursor, LogCursor) : null;
  const rows = await (await getDb())
    .select({ entry: moderationLog, actor: { id: users.id, handle: users.handle, name: users.name } })
    .from(moderationLog)
    .leftJoin(users, eq(users.id, moderationLog.actorId))
    .where(
      and(
        await conditions(filters),
        after ? sql`(${moderationLog.createdAt}, ${moderationLog.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
      ),
    )
    .orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.entry;
  return {
    entries: page.map(({ entry, actor }) => ({
      id: entry.id,
      actor: actor?.id ? actor : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason,
      at: entry.createdAt.toISOString(),
      change: entry.details,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

const csvColumns = ["id", "actor", "action", "targetType", "targetId", "reason", "at", "change"] as const;

/**
 * The log as CSV with the API's columns (`actor` is the handle, empty when the forum itself acted; `change` is
 * JSON), every entry the filters match, newest first. Moderators only. Read in pages, so the export walks the
 * same index as the listing.
 */
export async function exportModerationLogCsv(ctx: Context, filters: Unparsed<typeof LogFilters>): Promise<string> {
  const lines = [csvRow([...csvColumns])];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listModerationLog>> = await listModerationLog(ctx, { ...filters, limit: 200, cursor: cursor ?? undefined });
    for (const entry of page.entries) {
      lines.push(csvRow([entry.id, entry.actor?.handle ?? "", entry.action, entry.targetType, entry.targetId, entry.reason, entry.at, entry.change ? JSON.stringify(entry.change) : ""]));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return lines.join("\r\n") + "\r\n";
}
