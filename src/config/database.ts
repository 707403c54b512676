/** Where the database is and how long its work may take; read by src/db/client.ts. */

/**
 * How long PostgreSQL work may take before it fails instead of hanging: a stalled server or network
 * must turn into an error the bot can answer (503, an apology in chat), not a request that waits for
 * ever. Milliseconds.
 */
export interface PostgresTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /**
   * One statement: the server cancels it (statement_timeout), and the client gives up a little later
   * when the server does not answer at all (a stalled network), dropping that connection.
   */
  statementMs: number;
  /** A transaction left open without work (a crashed or stuck client) is ended by the server. */
  idleInTransactionMs: number;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number; timeouts?: PostgresTimeouts }
  /** `dataDir` undefined means in memory (tests). `sharedBuffers`: e.g. "16MB" (the default). */
  | { kind: "pglite"; dataDir?: string; sharedBuffers?: string | undefined };
