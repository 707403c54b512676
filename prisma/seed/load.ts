/**
 * Writes demo data set-based: per table and chunk one `INSERT … SELECT … FROM unnest($1::text[], …)`.
 * Prisma's createMany is far slower for bulk loads (see docs/notes on Prisma 7), and this works the same
 * on PGlite and PostgreSQL through `SqlSession`.
 *
 * Ids are assigned by the database. Customers come back with `RETURNING id, external_id` and users are
 * resolved by email, so child rows carry integer ids instead of joining on text in every statement.
 */
import { AppError } from "../../src/app-error.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import type { SqlSession } from "../../src/db/sql-session.ts";
import { type DemoBatch, type DemoBatchOptions, generateDemoBatches } from "./generate.ts";

export type DemoTable =
  | "users"
  | "customers"
  | "invoices"
  | "orders"
  | "complaints"
  | "engagement_events"
  | "nps_responses"
  | "owner_pulses";

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

interface Ids {
  customers: Map<string, number>;
  users: Map<string, number>;
}

async function writeBatch(
  sql: SqlSession,
  batch: DemoBatch,
  ids: Ids,
  counts: Record<DemoTable, number>,
  chunk: number,
): Promise<void> {
  if (batch.users.length > 0) {
    await insertUsers(sql, batch, ids);
    counts.users += batch.users.length;
  }

  await resolveUsers(sql, ids, [
    ...batch.customers.map((c) => c.ownerEmail),
    ...batch.ownerPulses.map((p) => p.userEmail),
  ]);
  for (const rows of chunks(batch.customers, chunk)) {
    const returned = await sql.query<{ id: number; external_id: string }>(
      `INSERT INTO customers (external_id, name, search_name, segment, owner_id, status, customer_since, churned_at)
       SELECT x.external_id, x.name, x.search_name, x.segment, x.owner_id, x.status::"CustomerStatus",
              x.customer_since, x.churned_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::date[], $8::date[])
           AS x(external_id, name, search_name, segment, owner_id, status, customer_since, churned_at)
       RETURNING id, external_id`,
      [
        rows.map((c) => c.externalId),
        rows.map((c) => c.name),
        rows.map((c) => c.searchName),
        rows.map((c) => c.segment),
        rows.map((c) => userId(ids, c.ownerEmail)),
        rows.map((c) => c.status),
        rows.map((c) => c.customerSince),
        rows.map((c) => c.churnedAt),
      ],
    );
    for (const row of returned) ids.customers.set(row.external_id, row.id);
    counts.customers += rows.length;
  }

  await resolveCustomers(sql, ids, batch);
  const customerId = (externalId: string) => ids.customers.get(externalId)!;

  for (const rows of chunks(batch.invoices, chunk)) {
    await sql.query(
      `INSERT INTO invoices (external_id, customer_id, issued_on, due_on, paid_on, amount_cents)
       SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::date[], $5::date[], $6::int[])`,
      [
        rows.map((r) => r.externalId),
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => r.issuedOn),
        rows.map((r) => r.dueOn),
        rows.map((r) => r.paidOn),
        rows.map((r) => r.amountCents),
      ],
    );
    counts.invoices += rows.length;
  }

  for (const rows of chunks(batch.orders, chunk)) {
    await sql.query(
      `INSERT INTO orders (external_id, customer_id, ordered_on, amount_cents, quantity)
       SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::int[], $5::int[])`,
      [
        rows.map((r) => r.externalId),
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => r.orderedOn),
        rows.map((r) => r.amountCents),
        rows.map((r) => r.quantity),
      ],
    );
    counts.orders += rows.length;
  }

  for (const rows of chunks(batch.complaints, chunk)) {
    await sql.query(
      `INSERT INTO complaints (external_id, customer_id, opened_on, resolved_on, severity, summary)
       SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::date[], $5::int[], $6::text[])`,
      [
        rows.map((r) => r.externalId),
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => r.openedOn),
        rows.map((r) => r.resolvedOn),
        rows.map((r) => r.severity),
        rows.map((r) => r.summary),
      ],
    );
    counts.complaints += rows.length;
  }

  for (const rows of chunks(batch.engagementEvents, chunk)) {
    await sql.query(
      `INSERT INTO engagement_events (customer_id, occurred_on, kind, count)
       SELECT x.customer_id, x.occurred_on, x.kind::"EngagementKind", x.count
         FROM unnest($1::int[], $2::date[], $3::text[], $4::int[]) AS x(customer_id, occurred_on, kind, count)`,
      [
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => r.occurredOn),
        rows.map((r) => r.kind),
        rows.map((r) => r.count),
      ],
    );
    counts.engagement_events += rows.length;
  }

  for (const rows of chunks(batch.npsResponses, chunk)) {
    await sql.query(
      `INSERT INTO nps_responses (source_key, customer_id, answered_on, score, comment)
       SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::int[], $5::text[])`,
      [
        rows.map((r) => r.sourceKey),
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => r.answeredOn),
        rows.map((r) => r.score),
        rows.map((r) => r.comment),
      ],
    );
    counts.nps_responses += rows.length;
  }

  for (const rows of chunks(batch.ownerPulses, chunk)) {
    // Timestamps arrive as UTC ISO strings; the columns are `timestamp` holding UTC (Prisma's convention),
    // so convert explicitly instead of depending on the session time zone.
    await sql.query(
      `INSERT INTO owner_pulses (customer_id, user_id, period, score, comment, asked_at, answered_at, reminded_at, expires_at)
       SELECT x.customer_id, x.user_id, x.period, x.score, x.comment,
              x.asked_at AT TIME ZONE 'UTC', x.answered_at AT TIME ZONE 'UTC',
              x.reminded_at AT TIME ZONE 'UTC', x.expires_at AT TIME ZONE 'UTC'
         FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[],
                     $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
           AS x(customer_id, user_id, period, score, comment, asked_at, answered_at, reminded_at, expires_at)`,
      [
        rows.map((r) => customerId(r.customerExternalId)),
        rows.map((r) => userId(ids, r.userEmail)),
        rows.map((r) => r.period),
        rows.map((r) => r.score),
        rows.map((r) => r.comment),
        rows.map((r) => r.askedAt),
        rows.map((r) => r.answeredAt),
        rows.map((r) => r.remindedAt),
        rows.map((r) => r.expiresAt),
      ],
    );
    counts.owner_pulses += rows.length;
  }
}

/**
 * Users are upserted by email: reseeding keeps the Slack and Teams ids someone linked to a demo user.
 * Managers are set afterwards, once every user of the batch has an id.
 */
async function insertUsers(sql: SqlSession, batch: DemoBatch, ids: Ids): Promise<void> {
  const users = batch.users;
  const returned = await sql.query<{ id: number; email: string }>(
    `INSERT INTO users (email, name, role, locale)
     SELECT x.email, x.name, x.role::"Role", x.locale
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(email, name, role, locale)
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, locale = EXCLUDED.locale
     RETURNING id, email`,
    [
      users.map((u) => u.email),
      users.map((u) => u.name),
      users.map((u) => u.role),
      users.map((u) => u.locale),
    ],
  );
  for (const row of returned) ids.users.set(row.email, row.id);
  const managed = users.filter((u) => u.managerEmail !== null);
  if (managed.length === 0) return;
  await sql.query(
    `UPDATE users u SET manager_id = m.id
       FROM unnest($1::text[], $2::text[]) AS x(email, manager_email)
       JOIN users m ON m.email = x.manager_email
      WHERE u.email = x.email`,
    [managed.map((u) => u.email), managed.map((u) => u.managerEmail)],
  );
}

/** Looks up users referred to by email that this load did not insert itself. */
async function resolveUsers(sql: SqlSession, ids: Ids, emails: (string | null)[]): Promise<void> {
  const missing = [...new Set(emails.filter((e): e is string => e !== null && !ids.users.has(e)))];
  if (missing.length === 0) return;
  const rows = await sql.query<{ id: number; email: string }>(
    "SELECT id, email FROM users WHERE email = ANY($1::text[])",
    [missing],
  );
  for (const row of rows) ids.users.set(row.email, row.id);
  const unknown = missing.filter((e) => !ids.users.has(e));
  if (unknown.length > 0) {
    throw new AppError("BAD_INPUT", `Seed data refers to unknown users: ${unknown.slice(0, 5).join(", ")}`);
  }
}

/** Customers referred to by child rows but inserted by an earlier load are looked up once. */
async function resolveCustomers(sql: SqlSession, ids: Ids, batch: DemoBatch): Promise<void> {
  const missing = new Set<string>();
  for (const table of [
    batch.invoices,
    batch.orders,
    batch.complaints,
    batch.engagementEvents,
    batch.npsResponses,
    batch.ownerPulses,
  ]) {
    for (const row of table) {
      if (!ids.customers.has(row.customerExternalId)) missing.add(row.customerExternalId);
    }
  }
  if (missing.size === 0) return;
  const rows = await sql.query<{ id: number; external_id: string }>(
    "SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])",
    [[...missing]],
  );
  for (const row of rows) ids.customers.set(row.external_id, row.id);
  const unknown = [...missing].filter((e) => !ids.customers.has(e));
  if (unknown.length > 0) {
    throw new AppError(
      "BAD_INPUT",
      `Seed data refers to unknown customers: ${unknown.slice(0, 5).join(", ")}`,
    );
  }
}

function userId(ids: Ids, email: string | null): number | null {
  return email === null ? null : ids.users.get(email)!;
}

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
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
