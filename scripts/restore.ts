/**
 * `npm run restore -- FILE [--force]`: brings a backup made by `npm run backup` back into an empty data directory
 * (MIZAN_DATA_DIR) or PostgreSQL database (DATABASE_URL). A non-empty one is refused unless --force replaces it;
 * a data directory a running server holds is always refused.
 */
import { restoreDatabase } from "../db/backup";
import { env } from "../lib/env";
import { runCommand } from "./run-command";

async function main(args: string[]): Promise<number> {
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1) {
    console.error("usage: npm run restore -- FILE [--force]");
    return 2;
  }
  const config = env();
  await restoreDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MIZAN_DATA_DIR }, files[0]!, { force });
  console.log(`Restored ${files[0]} into ${config.DATABASE_URL ? "the PostgreSQL database" : config.MIZAN_DATA_DIR}.`);
  return 0;
}

runCommand(main);
