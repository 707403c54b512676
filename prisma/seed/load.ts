/**
 * Writes demo data set-based: per table and chunk one `INSERT … SELECT … FROM unnest($1::text[], …)`.
 * Prisma's createMany is far slower for bulk loads (see docs/notes on Prisma 7), and this works the same
 * on PGlite and PostgreSQL through `SqlSession`.
 *
 * Ids are assigned by the database. Customers come back with `RETURNING id, external_id` and users are
 * resolved by email, so child rows carry integer ids instead of joining on text in every statement.
 * The statements: load/write-batch.ts; the ids: load/demo-ids.ts.
 */
import { AppError } from "../../src/app-error.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import type { SqlSession } from "../../src/db/sql-session.ts";
import { type DemoBatch, type DemoBatchOptions, generateDemoBatches } from "./generate.ts";
import type { Ids } from "./load/demo-ids.ts";
import { type DemoTable, writeBatch } from "./load/write-batch.ts";

export interface LoadDemoOptions {
  log?: (line: string) => void;
  /** Rows per INSERT statement (default 10,000). */
  rowsPerStatement?: number;
  /**
   * "per-batch" (default): one transaction per yielded batch, so memory and WAL stay bounded.
   * "none": the caller already runs a transaction on `sql` (as `seedDatabase` does).
   */
  transactions?: "per-batch" | "none";
}

export interface LoadDemoResult {
  counts: Record<DemoTable, number>;
  rows: number;
  elapsedMs: number;
}

type BatchSource = DemoBatch | Iterable<DemoBatch> | AsyncIterable<DemoBatch>;

function isBatch(source: BatchSource): source is DemoBatch {
  return Array.isArray((source as DemoBatch).customers);
}

function zeroCounts(): Record<DemoTable, number> {
  return {
    users: 0,
    customers: 0,
    invoices: 0,
    orders: 0,
    complaints: 0,
    engagement_events: 0,
    nps_responses: 0,
    owner_pulses: 0,
  };
}

/** Loads one data set, or a stream of batches (customers before the rows that refer to them). */
export async function loadDemoData(
  sql: SqlSession,
  source: BatchSource,
  options: LoadDemoOptions = {},
): Promise<LoadDemoResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const chunk = options.rowsPerStatement ?? 10_000;
  const counts = zeroCounts();
  const ids: Ids = { customers: new Map(), users: new Map() };
  const batches: Iterable<DemoBatch> | AsyncIterable<DemoBatch> = isBatch(source) ? [source] : source;

  let batchNumber = 0;
  for await (const batch of batches) {
    batchNumber++;
    const write = (tx: SqlSession) => writeBatch(tx, batch, ids, counts, chunk);
    if (options.transactions === "none") await write(sql);
    else await sql.transaction(write);
    if (batchNumber % 10 === 0) {
      log(`seed: ${counts.customers} customers, ${totalRows(counts)} rows so far`);
    }
  }
  const elapsedMs = Math.round(performance.now() - started);
  const rows = totalRows(counts);
  log(
    `seed: loaded ${rows} rows (${counts.customers} customers, ${counts.invoices} invoices) in ${elapsedMs} ms`,
  );
  return { counts, rows, elapsedMs };
}

function totalRows(counts: Record<DemoTable, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

// ---------------------------------------------------------------------------------------------------

export interface SeedDatabaseOptions extends DemoBatchOptions {
  log?: (line: string) => void;
  /** Empty the customer data first (customers and everything hanging off them). Default false. */
  replace?: boolean;
  /** See `LoadDemoOptions.transactions`; `seedDatabase` defaults to "single" (all or nothing). */
  transactions?: "single" | "per-batch";
}

export interface SeedDatabaseResult extends LoadDemoResult {
  generateAndLoadMs: number;
}

/**
 * Generates and loads the demo data set into a migrated database. Refuses when customers exist unless
 * `replace` is set; `replace` truncates customers and every table that refers to them (invoices, orders,
 * complaints, engagement, NPS, owner pulses, health snapshots, alerts). Users are upserted by email and
 * kept, as are channel subscriptions, deliveries, job runs and audit events.
 */
export async function seedDatabase(
  db: { sql: SqlSession; kind?: DatabaseKind },
  options: SeedDatabaseOptions,
): Promise<SeedDatabaseResult> {
  const started = performance.now();
  const { log, replace = false, transactions = "single", ...generateOptions } = options;
  const run = async (sql: SqlSession, loadTransactions: "per-batch" | "none") => {
    const [{ count }] = (await sql.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM customers",
    )) as [{ count: number }];
    if (count > 0 && !replace) {
      throw new AppError(
        "CONFLICT",
        `The database already holds ${count} customers; refusing to add demo data. Use replace to empty it first.`,
        {
          userMessage:
            "Er staan al klanten in de database; de demodata wordt niet toegevoegd. Gebruik --replace om eerst leeg te maken.",
        },
      );
    }
    if (count > 0) {
      log?.(`seed: emptying ${count} customers and their data`);
      await sql.exec("TRUNCATE customers RESTART IDENTITY CASCADE");
    }
    if (db.kind === "pglite" && loadTransactions === "none") {
      // The generated rows refer only to ids this load resolved from the database, so checking each
      // foreign key row by row proves nothing new; on PGlite those checks were a third of the load's
      // CPU time. Only for this transaction (SET LOCAL); the embedded database's user may do this.
      await sql.exec("SET LOCAL session_replication_role = replica");
    }
    return loadDemoData(sql, generateDemoBatches(generateOptions), { log, transactions: loadTransactions });
  };
  const result =
    transactions === "single"
      ? await db.sql.transaction((tx) => run(tx, "none"))
      : await run(db.sql, "per-batch");
  return { ...result, generateAndLoadMs: Math.round(performance.now() - started) };
}
