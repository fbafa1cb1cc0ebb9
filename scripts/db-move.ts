/**
 * `npm run db:move -- --to postgres://…`: copies the embedded database in MIZAN_DATA_DIR (or `--from DIR`) into an
 * empty PostgreSQL database, verifies every table on both sides and prints the result. Stop the server first.
 * Afterwards `DATABASE_URL=postgres://… npm start` serves the same forum.
 */
import { moveToPostgres } from "../db/move";
import { env } from "../lib/env";
import { runCommand } from "./run-command";

const usage = "usage: npm run db:move -- --to postgres://user@host:5432/db [--from DATA_DIR]";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const to = option(args, "--to");
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    console.error(usage);
    return 2;
  }
  const from = option(args, "--from") ?? env().MIZAN_DATA_DIR;
  const result = await moveToPostgres(from, to, (line) => console.log(line));
  console.log("\ntable                         rows  both sides");
  for (const table of result.tables) console.log(`${table.table.padEnd(28)} ${String(table.rows).padStart(6)}  ${table.same ? "equal" : "DIFFERENT"}`);
  const different = result.tables.filter((t) => !t.same);
  console.log(`\n${result.tables.length} tables, ${result.sequences} sequences, ${result.seconds.toFixed(1)} s.`);
  if (different.length > 0) {
    console.error(`The copy differs in ${different.map((t) => t.table).join(", ")}: do not switch to it.`);
    return 1;
  }
  console.log("Every table is equal on both sides. Serve the forum from it: DATABASE_URL=<the same URL> npm start");
  return 0;
}

runCommand(main);
