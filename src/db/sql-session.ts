import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";

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
  /**
   * Bulk-load rows in COPY's text format (`COPY table (columns) FROM STDIN`): each `write` takes
   * whole lines. Inside a transaction, no other query may run on this session until `finish`.
   */
  copyIn(statement: string): Promise<CopyIn>;
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
 * PostgreSQL: one streaming COPY on the connection; writes respect the socket's backpressure, so the
 * server loads rows while this process prepares the next ones.
 */
function pgCopyIn(client: pg.PoolClient, statement: string): CopyIn {
  const stream = client.query(copyFromStdin(statement));
  let failure: unknown;
  stream.on("error", (error) => {
    failure ??= error;
  });
  return {
    async write(rows: string) {
      if (failure) throw failure;
      if (!stream.write(rows)) {
        await Promise.race([once(stream, "drain"), finished(stream)]);
        if (failure) throw failure;
      }
    },
    async finish() {
      if (failure) throw failure;
      stream.end();
      await finished(stream);
    },
    async abort(reason: Error) {
      if (stream.destroyed || stream.writableFinished) return;
      // Sends CopyFail; the stream closes once the server has answered and the connection is free again.
      stream.destroy(reason);
      await finished(stream).catch(() => undefined);
    },
  };
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
    async copyIn(statement: string) {
      return pgliteCopyIn(db, statement);
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
    async copyIn(statement: string) {
      // A COPY belongs to one connection: outside a transaction only a dedicated client makes sense.
      if (isPool) throw new Error("copyIn needs a transaction (one connection)");
      return pgCopyIn(db as pg.PoolClient, statement);
    },
  };
}
