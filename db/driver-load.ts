import { channel } from "node:diagnostics_channel";
import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type postgres from "postgres";

/**
 * How busy this process's database connections are. A transaction holds a connection for its whole life and a
 * query outside one holds a connection while it runs, so `busy` beyond `size` is work waiting for a connection.
 */
export type DriverLoad = { size: number; topLevelQueries: number; transactions: number };

/**
 * Instrumentation (node:diagnostics_channel, free while nobody listens): each query's seconds from being issued
 * (waiting for a connection included) to its answer. lib/ops/metrics.ts turns them into a histogram.
 */
const queryTimings = channel("mizan:db-query");
export type QueryTiming = { seconds: number };

/** Calls `track` once `pending` settles, with the seconds since `started`; never changes what `pending` answers. */
function whenSettled(pending: PromiseLike<unknown>, started: number, track: () => void): void {
  const done = () => {
    track();
    if (queryTimings.hasSubscribers) queryTimings.publish({ seconds: (performance.now() - started) / 1000 } satisfies QueryTiming);
  };
  pending.then(done, done);
}

type PostgresSql = postgres.Sql | postgres.TransactionSql;

/** Wraps a postgres-js client's `unsafe` (every query Drizzle sends), `begin` and `savepoint` in place. */
function instrumentPostgres(sql: PostgresSql, load: DriverLoad, inTransaction: boolean): void {
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((...args: Parameters<typeof unsafe>) => {
    const started = performance.now();
    const query = unsafe(...args);
    if (!inTransaction) load.topLevelQueries++;
    // Drizzle calls .values() on the query right after this returns; postgres-js runs it a microtask later.
    whenSettled(query, started, () => !inTransaction && load.topLevelQueries--);
    return query;
  }) as typeof sql.unsafe;
  const wrapScope = (run: (...args: never[]) => unknown) => (...args: unknown[]) => {
    const body = args.pop() as (tx: postgres.TransactionSql) => unknown;
    return run(...(args as never[]), ((tx: postgres.TransactionSql) => {
      instrumentPostgres(tx, load, true);
      return body(tx);
    }) as never);
  };
  if (!inTransaction && "begin" in sql) {
    const begin = sql.begin.bind(sql) as (...args: never[]) => Promise<unknown>;
    const scoped = wrapScope(begin);
    (sql as { begin: unknown }).begin = (...args: unknown[]) => {
      load.transactions++;
      const pending = scoped(...args) as Promise<unknown>;
      pending.then(
        () => load.transactions--,
        () => load.transactions--,
      );
      return pending;
    };
  }
  if ("savepoint" in sql) (sql as { savepoint: unknown }).savepoint = wrapScope(sql.savepoint.bind(sql) as (...args: never[]) => unknown);
}

/** Wraps a PGlite's `query` and `transaction` (what Drizzle calls) in place; PGlite runs one thing at a time. */
function instrumentPglite(client: PGlite, load: DriverLoad): void {
  const timeQueries = (target: PGlite | PgliteTransaction, topLevel: boolean) => {
    const query = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
    target.query = ((...args: unknown[]) => {
      const started = performance.now();
      if (topLevel) load.topLevelQueries++;
      const pending = query(...args);
      whenSettled(pending, started, () => topLevel && load.topLevelQueries--);
      return pending;
    }) as typeof target.query;
  };
  timeQueries(client, true);
  const transaction = client.transaction.bind(client);
  client.transaction = ((body: (tx: PgliteTransaction) => Promise<unknown>) => {
    load.transactions++;
    const pending = transaction((tx) => {
      timeQueries(tx, false);
      return body(tx);
    });
    pending.then(
      () => load.transactions--,
      () => load.transactions--,
    );
    return pending;
  }) as typeof client.transaction;
}

/** Counts and times what Drizzle sends through this client; returns the live counts. */
export function instrumentDriver(
  driver: { kind: "pglite"; client: PGlite } | { kind: "postgres"; client: postgres.Sql; size: number },
): DriverLoad {
  if (driver.kind === "pglite") {
    const load = { size: 1, topLevelQueries: 0, transactions: 0 };
    instrumentPglite(driver.client, load);
    return load;
  }
  const load = { size: driver.size, topLevelQueries: 0, transactions: 0 };
  instrumentPostgres(driver.client, load, false);
  return load;
}
