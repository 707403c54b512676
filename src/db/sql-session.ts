import { finished } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";

/**
 * A minimal raw-SQL session over either driver. Used where Prisma is the wrong tool:
 * migrations, set-based bulk loads and heavy aggregation. Parameters use `$1, $2, …`.
 */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Run a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  /** Run `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Bulk-load rows in COPY's text format (`COPY table (columns) FROM STDIN`): each `write` takes
   * whole lines. Inside a transaction, no other query may run on this session until `finish`.
   */
  copyIn(statement: string): Promise<CopyIn>;
}

export interface QueryOptions {
  /**
   * How long the client waits for this statement, instead of the pool's default (PostgreSQL). For the
   * few statements whose work grows with their input (an import's checks and merge); the server's own
   * limit is raised with `SET LOCAL statement_timeout` in the same transaction.
   */
  timeoutMs?: number;
}

export interface CopyIn {
  /** Whole rows in COPY text format, each ending in a newline. Resolves when the data may be reused. */
  write(rows: string): Promise<void>;
  /** Ends the load; rejects with the server's error when a row was refused. */
  finish(): Promise<void>;
  /** Abandons the load (the caller failed): the session is usable again (to roll back) when it resolves. */
  abort(reason: Error): Promise<void>;
}

/**
 * PGlite has no COPY FROM STDIN; it reads COPY data from a blob it exposes as `/dev/blob`. Each
 * write is one COPY statement of its own, so a caller that writes bounded batches keeps memory
 * bounded, and the event loop gets a turn between batches.
 */
function pgliteCopyIn(db: PGlite | Transaction, statement: string): CopyIn {
  const fromBlob = statement.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
  if (fromBlob === statement) throw new Error(`not a COPY … FROM STDIN statement: ${statement}`);
  return {
    async write(rows: string) {
      await db.query(fromBlob, [], { blob: new Blob([rows]) });
    },
    async finish() {},
    async abort() {},
  };
}

/**
 * PostgreSQL: one COPY statement per write, so each statement stays short (well inside
 * statement_timeout, whatever the file's size). A write returns as soon as its rows are sent; the
 * server loads them while this process prepares the next batch, and the next write waits for it.
 */
function pgCopyIn(client: pg.PoolClient, statement: string): CopyIn {
  let inFlight: Promise<void> = Promise.resolve();
  let current: ReturnType<typeof copyFromStdin> | undefined;
  const load = async (rows: string) => {
    const stream = client.query(copyFromStdin(statement));
    current = stream;
    stream.end(rows);
    await finished(stream);
  };
  return {
    async write(rows: string) {
      await inFlight;
      inFlight = load(rows);
      // Awaited by the next write or by finish; this only avoids an unhandled rejection meanwhile.
      inFlight.catch(() => undefined);
    },
    async finish() {
      await inFlight;
    },
    async abort(reason: Error) {
      if (current && !current.destroyed && !current.writableFinished) current.destroy(reason);
      await inFlight.catch(() => undefined);
    },
  };
}

/**
 * PGlite runs each statement on this process's main thread, and a resolved statement continues its
 * caller without giving the event loop a turn: a chain of statements (rescoring after an import, a
 * digest) held it for their sum, 1.5 s at 300k invoices, and a chat request waited to be acked. Each
 * statement therefore ends with a turn of the event loop, so nothing waits longer than one statement.
 */
export function pgliteSession(db: PGlite | Transaction): SqlSession {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const result = await db.query<T>(text, params);
      await nextTurn();
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
      await nextTurn();
    },
    async transaction<T>(work: (tx: SqlSession) => Promise<T>) {
      if (!("transaction" in db)) return work(pgliteSession(db));
      return (db as PGlite).transaction((tx) => work(pgliteSession(tx)));
    },
    async copyIn(statement: string) {
      return pgliteCopyIn(db, statement);
    },
  };
}

type PgQueryable = pg.Pool | pg.PoolClient;

export function pgSession(db: PgQueryable): SqlSession {
  const isPool = "totalCount" in db;
  return {
    async query<T>(text: string, params: unknown[] = [], options: QueryOptions = {}) {
      const result =
        options.timeoutMs === undefined
          ? await db.query(text, params)
          : await db.query({ text, values: params, query_timeout: options.timeoutMs } as pg.QueryConfig);
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
    async copyIn(statement: string) {
      // A COPY belongs to one connection: outside a transaction only a dedicated client makes sense.
      if (isPool) throw new Error("copyIn needs a transaction (one connection)");
      return pgCopyIn(db as pg.PoolClient, statement);
    },
  };
}
