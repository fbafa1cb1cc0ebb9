import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { serveBackups } from "./backup-socket";
import { lockDataDir } from "./data-dir-lock";
import { detachedSockets } from "./detached-sockets";
import { instrumentDriver, type DriverLoad } from "./driver-load";
import { processSlot } from "../lib/process-slot";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or a transaction: verbs accept either so they compose inside a caller's transaction. */
export type Executor = Database | Transaction;

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

/** The raw driver client, shared through globalThis so server.ts and the Next.js bundle use one connection. */
type Connection = { load: DriverLoad } & (
  | { kind: "pglite"; client: PGlite; release: () => Promise<void> }
  | { kind: "postgres"; client: postgres.Sql; url: string }
);

export type DatabaseHandle = {
  kind: Connection["kind"];
  db: Database;
  /** Connections in use and work waiting for one, for /metrics. */
  load(): DriverLoad;
  ping(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

function wrap(connection: Connection): DatabaseHandle {
  const db = (
    connection.kind === "pglite"
      ? drizzlePglite({ client: connection.client, schema })
      : drizzlePostgres({ client: connection.client, schema })
  ) as unknown as Database;
  return {
    kind: connection.kind,
    db,
    load: () => connection.load,
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (connection.kind === "pglite") {
        await connection.client.close();
        await connection.release();
      } else {
        await connection.client.end({ timeout: 5 });
      }
    },
  };
}

async function connect(target: DatabaseTarget): Promise<Connection> {
  if ("url" in target) {
    // postgres-js documents `socket` (README, "Custom socket") but leaves it out of its types.
    const size = 10;
    const detached = { socket: detachedSockets(size) };
    const client = postgres(target.url, {
      max: size,
      onnotice: () => {},
      connect_timeout: 10,
      ...detached,
      // No recycling timer either: postgres-js would start it while the request that opened the connection runs.
      max_lifetime: null,
      connection: { application_name: "mizan" },
    });
    return { kind: "postgres", client, url: target.url, load: instrumentDriver({ kind: "postgres", client, size }) };
  }
  if ("memory" in target) {
    const client = new PGlite();
    await client.waitReady;
    return { kind: "pglite", client, release: async () => {}, load: instrumentDriver({ kind: "pglite", client }) };
  }
  const release = await lockDataDir(target.dataDir);
  try {
    const client = new PGlite(path.join(path.resolve(target.dataDir), "pglite"));
    await client.waitReady;
    const stopBackups = await serveBackups(target.dataDir, client);
    const releaseAll = async () => {
      await stopBackups();
      await release();
    };
    return { kind: "pglite", client, release: releaseAll, load: instrumentDriver({ kind: "pglite", client }) };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Applies the committed migrations; on PostgreSQL an advisory lock keeps several nodes from racing. */
async function migrateConnection(connection: Connection): Promise<void> {
  if (connection.kind === "pglite") {
    await migratePglite(drizzlePglite({ client: connection.client }), { migrationsFolder });
    return;
  }
  // One connection, so the advisory lock and the migration share a session.
  const single = postgres(connection.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await single`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder });
  } finally {
    await single.end({ timeout: 5 });
  }
}

async function openConnection(target: DatabaseTarget): Promise<Connection> {
  const connection = await connect(target);
  try {
    await migrateConnection(connection);
  } catch (error) {
    await wrap(connection).close().catch(() => {});
    throw error;
  }
  return connection;
}

/** Opens a private database with migrations applied (tests, scripts); the caller closes it. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return wrap(await openConnection(target));
}

const installed = processSlot<Promise<Connection>>("connection");
const handles = new WeakMap<Connection, DatabaseHandle>();

/**
 * Opens a database, applies migrations and makes it the process-wide one. server.ts calls this before it
 * serves; the raw connection lives on globalThis because server.ts and the Next.js bundle load separate copies
 * of this module, and each copy wraps the one connection in its own Drizzle instance.
 */
export async function installDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (installed.get()) throw new Error("A database is already installed in this process");
  const pending = openConnection(target);
  installed.set(pending);
  try {
    return handleFor(await pending);
  } catch (error) {
    installed.set(undefined);
    throw error;
  }
}

export async function uninstallDatabase(): Promise<void> {
  const pending = installed.get();
  installed.set(undefined);
  if (pending) await handleFor(await pending).close();
}

function handleFor(connection: Connection): DatabaseHandle {
  let handle = handles.get(connection);
  if (!handle) {
    handle = wrap(connection);
    handles.set(connection, handle);
  }
  return handle;
}

/** The process-wide database; opened from the environment by whoever asks first if nobody installed one. */
export async function databaseHandle(): Promise<DatabaseHandle> {
  if (!installed.get()) {
    const { env } = await import("../lib/env");
    const { DATABASE_URL, MIZAN_DATA_DIR } = env();
    if (!installed.get()) return installDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: MIZAN_DATA_DIR });
  }
  return handleFor(await installed.get()!);
}

export async function getDb(): Promise<Database> {
  return (await databaseHandle()).db;
}
