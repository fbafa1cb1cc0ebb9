import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "./client";
import { rowsOf } from "./rows";
import { digestTables, listTables, type TableDigest } from "./table-digest";

/** A move that cannot go ahead, with the reason for the operator. */
class MoveRefused extends Error {}

export type MoveResult = { tables: (TableDigest & { same: boolean })[]; sequences: number; seconds: number };

const batchRows = 1000;

/** Parents before children: the tables in an order in which every foreign key points at a table already copied. */
async function copyOrder(db: Database): Promise<string[]> {
  const tables = await listTables(db);
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select c.relname as child, p.relname as parent
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       where k.contype = 'f' and k.connamespace = 'public'::regnamespace and k.conrelid <> k.confrelid`),
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const edge of edges) if (edge.child === table) visit(edge.parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** The columns a row can be written with (generated ones are computed again by the target). */
async function writableColumns(db: Database, table: string): Promise<string[]> {
  const result = await db.execute(sql`
    select column_name as name from information_schema.columns
     where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
     order by ordinal_position`);
  return rowsOf<{ name: string }>(result).map((row) => row.name);
}

async function primaryKey(db: Database, table: string): Promise<string[]> {
  const result = await db.execute(sql`
    select a.attname as name
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = ${`public.${table}`}::regclass and i.indisprimary
     order by array_position(i.indkey, a.attnum)`);
  return rowsOf<{ name: string }>(result).map((row) => row.name);
}

/**
 * Copies one table in batches of rows ordered by its primary key, each batch in one transaction on the target.
 * Rows travel as JSON text and are rebuilt by the target with json_populate_recordset, so every type (timestamps,
 * jsonb, arrays, numbers) arrives exactly as it was.
 */
async function copyTable(from: Database, to: Database, table: string): Promise<void> {
  const columns = sql.join((await writableColumns(to, table)).map((c) => sql.identifier(c)), sql`, `);
  const key = await primaryKey(from, table);
  const keyList = sql.join(key.map((c) => sql.identifier(c)), sql`, `);
  const t = sql.identifier(table);
  let last: string | null = null;
  for (;;) {
    const after: ReturnType<typeof sql> =
      last === null || key.length === 0 ? sql`true` : sql`(${keyList}) > (select ${keyList} from json_populate_record(null::${t}, ${last}::json))`;
    const order = key.length === 0 ? sql`` : sql`order by ${keyList}`;
    const limit = key.length === 0 ? sql`` : sql`limit ${batchRows}`;
    const rows = rowsOf<{ j: string }>(await from.execute(sql`select row_to_json(r)::text as j from ${t} r where ${after} ${order} ${limit}`)).map((r) => r.j);
    if (rows.length === 0) return;
    await to.transaction(async (tx) => {
      await tx.execute(sql`insert into ${t} (${columns}) select ${columns} from json_populate_recordset(null::${t}, ${`[${rows.join(",")}]`}::json)`);
    });
    if (key.length === 0 || rows.length < batchRows) return;
    last = rows.at(-1)!;
  }
}

/** Sets every sequence of the target to where the source's stands; returns how many there are. */
async function carrySequences(from: Database, to: Database): Promise<number> {
  const names = rowsOf<{ name: string }>(
    await from.execute(sql`select sequence_name as name from information_schema.sequences where sequence_schema = 'public'`),
  ).map((row) => row.name);
  for (const name of names) {
    const [state] = rowsOf<{ last_value: string; is_called: boolean }>(await from.execute(sql`select last_value::text, is_called from ${sql.identifier(name)}`));
    await to.execute(sql`select setval(${`public.${name}`}::regclass, ${state!.last_value}::bigint, ${state!.is_called})`);
  }
  return names.length;
}

/**
 * Copies every table of the embedded database in `dataDir` into the empty PostgreSQL database at `url`
 * (migrations applied first): ids, counters and each post's event seq as they are, sequences carried over.
 * Then compares every table's row count and a digest of all its rows (so every score, reply count and community
 * forecast) on both sides. The data directory must not be in use (stop the server first).
 */
export async function moveToPostgres(dataDir: string, url: string, progress: (line: string) => void = () => {}): Promise<MoveResult> {
  const started = performance.now();
  const source = await openDatabase({ dataDir });
  try {
    const target = await openDatabase({ url });
    try {
      const order = await copyOrder(target.db);
      for (const table of order) {
        const [row] = rowsOf<{ any: boolean }>(await target.db.execute(sql`select exists (select from ${sql.identifier(table)}) as any`));
        if (row!.any) throw new MoveRefused(`The PostgreSQL database is not empty (table ${table} has rows); move into an empty database.`);
      }
      for (const table of order) {
        await copyTable(source.db, target.db, table);
        progress(`copied ${table}`);
      }
      const sequences = await carrySequences(source.db, target.db);
      const [before, after] = [await digestTables(source.db), await digestTables(target.db)];
      const tables = before.map((digest) => {
        const other = after.find((d) => d.table === digest.table);
        return { ...digest, same: other?.rows === digest.rows && other.digest === digest.digest };
      });
      return { tables, sequences, seconds: (performance.now() - started) / 1000 };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
