/**
 * `npm run backup -- FILE`: a consistent snapshot of the forum's database while it runs (DATABASE_URL, else
 * PGlite in MIZAN_DATA_DIR). `npm run restore -- FILE [--force]` brings one back (scripts/restore.ts).
 */
import { backupDatabase } from "../db/backup";
import { env } from "../lib/env";

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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
