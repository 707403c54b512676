import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * A minimal raw-SQL session over either driver. Used where Prisma is the wrong tool:
 * migrations, set-based bulk loads and heavy aggregation. Parameters use `$1, $2, …`.
 */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Run a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  /** Run `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
}

export function pgliteSession(db: PGlite | Transaction): SqlSession {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const result = await db.query<T>(text, params);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
    async transaction<T>(work: (tx: SqlSession) => Promise<T>) {
      if (!("transaction" in db)) return work(pgliteSession(db));
      return (db as PGlite).transaction((tx) => work(pgliteSession(tx)));
    },
  };
}

type PgQueryable = pg.Pool | pg.PoolClient;

export function pgSession(db: PgQueryable): SqlSession {
  const isPool = "totalCount" in db;
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const result = await db.query(text, params);
      return result.rows as T[];
    },
    async exec(script: string) {
      // Simple-query protocol: several statements in one call, run as one implicit transaction.
      await db.query(script);
    },
    async transaction<T>(work: (tx: SqlSession) => Promise<T>) {
      const client = isPool ? await (db as pg.Pool).connect() : (db as pg.PoolClient);
      let failure: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(pgSession(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        // After a failure (a timeout may have left a statement in flight) the connection is dropped,
        // not handed to the next caller.
        if (isPool) client.release(failure);
      }
    },
  };
}
