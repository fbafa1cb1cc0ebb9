import type { Database } from "./client";

/**
 * A statement for the hot paths, built once per database and then only executed: drizzle-orm spends more CPU
 * composing a query than PostgreSQL spends running a simple one, so a verb called hundreds of times a second
 * prepares its statements (with `sql.placeholder` for the values) instead of composing them on every call.
 */
export function preparedFor<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
