/**
 * Operator commands: `npm run admin -- role <email> <member|moderator|admin>`.
 * Opens the same database as the server (DATABASE_URL, else PGlite in MIZAN_DATA_DIR; stop the server first
 * when it runs on PGlite, since one process owns that directory).
 */
import { installDatabase, uninstallDatabase } from "../db/client";
import { assignRoleByEmail } from "../lib/auth/accounts";
import { env } from "../lib/env";
import { DomainError } from "../lib/errors";
import { runCommand } from "./run-command";

const usage = "usage: npm run admin -- role <email> <member|moderator|admin>";

async function main(args: string[]): Promise<number> {
  const [command, email, role] = args;
  if (command !== "role" || !email || !role) {
    console.error(usage);
    return 2;
  }
  const config = env();
  await installDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MIZAN_DATA_DIR });
  try {
    const user = await assignRoleByEmail(email, role);
    console.log(`${email} is now ${user.role} (@${user.handle}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.details.length ? `${error.message} ${error.details.map((d) => `${d.path}: ${d.message}`).join("; ")}` : error.message);
    return 1;
  } finally {
    await uninstallDatabase();
  }
}

runCommand(main);
