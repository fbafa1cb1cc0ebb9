import { sql } from "drizzle-orm";
import type { Executor } from "./client";
import { rowsOf } from "./rows";

/** One table's row count and a digest of every row, equal on two databases exactly when they hold the same rows. */
export type TableDigest = { table: string; rows: number; digest: string };

/** The application's tables (schema public), by name. */
export async function listTables(db: Executor): Promise<string[]> {
  const result = await db.execute(sql`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  return rowsOf<{ name: string }>(result).map((row) => row.name);
}

/**
 * Every application table's count and an md5 over its rows as JSON in a fixed order, with timestamps written in
 * UTC, so PGlite and PostgreSQL give the same digest for the same rows.
 */
export async function digestTables(db: Executor): Promise<TableDigest[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const digests: TableDigest[] = [];
    for (const table of await listTables(tx)) {
      const result = await tx.execute(sql`
        select count(*)::int as rows,
               md5(coalesce(string_agg(j, E'\n' order by j), '')) as digest
          from (select row_to_json(t)::text as j from ${sql.identifier(table)} t) rows`);
      const [row] = rowsOf<{ rows: number; digest: string }>(result);
      digests.push({ table, rows: row!.rows, digest: row!.digest });
    }
    return digests;
  });
}
