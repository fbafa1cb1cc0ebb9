/**
 * `npm run backup -- FILE`: a consistent snapshot of the forum's database while it runs (DATABASE_URL, else
 * PGlite in MIZAN_DATA_DIR). `npm run restore -- FILE [--force]` brings one back (scripts/restore.ts).
 */
import { backupDatabase } from "../db/backup";
import { env } from "../lib/env";
import { runCommand } from "./run-command";

async function main(args: string[]): Promise<number> {
  const [file] = args;
  if (!file || args.length !== 1) {
    console.error("usage: npm run backup -- FILE");
    return 2;
  }
  const config = env();
  const bytes = await backupDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MIZAN_DATA_DIR }, file);
  console.log(`Backed up ${config.DATABASE_URL ? "the PostgreSQL database" : config.MIZAN_DATA_DIR} to ${file} (${bytes} bytes).`);
  return 0;
}

runCommand(main);
