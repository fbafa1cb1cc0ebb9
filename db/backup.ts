import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { requestBackup } from "./backup-socket";
import { openDatabase, type DatabaseTarget } from "./client";
import { lockDataDir } from "./data-dir-lock";

export type StoredTarget = Exclude<DatabaseTarget, { memory: true }>;

/** A backup or restore that cannot go ahead, with the reason for the operator. */
export class BackupRefused extends Error {}

/** What a backup file holds, from its first bytes: PGlite's gzip tar of a data directory, or a pg_dump archive. */
function kindOf(file: Buffer): "pglite" | "postgres" | "unknown" {
  if (file[0] === 0x1f && file[1] === 0x8b) return "pglite";
  if (file.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  return "unknown";
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new BackupRefused(`${command} is not installed (Debian: apt-get install -y postgresql-client).`) : error),
    );
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${errors.trim()}`))));
  });
}

/**
 * Writes a consistent snapshot of the database to `file` while the forum runs, and returns its size. PGlite: the
 * owner of the data directory (the running server, or this process when none runs) dumps it between
 * transactions. PostgreSQL: `pg_dump --format=custom`, which reads one snapshot. Written beside `file` first and
 * renamed, so `file` is never half a backup.
 */
export async function backupDatabase(target: StoredTarget, file: string): Promise<number> {
  const partial = `${file}.partial`;
  try {
    if ("url" in target) {
      await run("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`, target.url]);
    } else {
      let dump = await requestBackup(target.dataDir);
      if (!dump) {
        // Nobody owns the directory: own it for the moment, and ask this process's own backup socket.
        const handle = await openDatabase(target);
        try {
          dump = await requestBackup(target.dataDir);
        } finally {
          await handle.close();
        }
      }
      writeFileSync(partial, dump!);
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return readFileSync(file).length;
}

async function tablesIn(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Brings a backup back into an empty data directory or database; a non-empty one is refused unless `force`,
 * which replaces what is there. A data directory a running server holds is refused even with `force`.
 */
export async function restoreDatabase(target: StoredTarget, file: string, { force = false } = {}): Promise<void> {
  const backup = readFileSync(file);
  const kind = kindOf(backup);
  if (kind === "unknown") throw new BackupRefused(`${file} is neither a PGlite backup nor a pg_dump archive.`);
  if ("url" in target) {
    if (kind !== "postgres") {
      throw new BackupRefused(`${file} is a PGlite backup: restore it into a data directory (unset DATABASE_URL), then move it with npm run db:move.`);
    }
    const tables = await tablesIn(target.url);
    if (tables > 0 && !force) throw new BackupRefused(`The database is not empty (${tables} tables); restore into an empty one, or pass --force to replace it.`);
    await run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", ...(force ? ["--clean", "--if-exists"] : []), `--dbname=${target.url}`, file]);
    return;
  }
  if (kind !== "pglite") throw new BackupRefused(`${file} is a pg_dump archive: restore it into PostgreSQL (set DATABASE_URL).`);
  const release = await lockDataDir(target.dataDir);
  try {
    const databaseDir = path.join(path.resolve(target.dataDir), "pglite");
    if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
      if (!force) throw new BackupRefused(`The data directory ${path.resolve(target.dataDir)} already holds a database; restore into an empty one, or pass --force to replace it.`);
      rmSync(databaseDir, { recursive: true, force: true });
    }
    const client = new PGlite(databaseDir, { loadDataDir: new Blob([backup]) });
    await client.waitReady;
    await client.close();
  } finally {
    await release();
  }
}
