import type { SqlSession } from "../../../src/db/sql-session.ts";
import type { DemoBatch } from "../generate.ts";
import { type Ids, resolveCustomers, resolveUsers, userId } from "./demo-ids.ts";

/**
 * One batch of demo data written table by table, in chunks of `chunk` rows: one
 * `INSERT … SELECT … FROM unnest(…)` per chunk, parents (users, customers) before the rows that refer
 * to them. Counts what it wrote into `counts`.
 */

/** The tables the demo load writes. */
export type DemoTable =
  | "users"
  | "customers"
  | "invoices"
  | "orders"
  | "complaints"
  | "engagement_events"
  | "nps_responses"
  | "owner_pulses";

export async function writeBatch(
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

  const fact = <T>(rows: T[], statement: string, columns: Array<(row: T) => unknown>) =>
    insertInChunks(sql, rows, chunk, statement, columns);
  counts.invoices += await fact(
    batch.invoices,
    `INSERT INTO invoices (external_id, customer_id, issued_on, due_on, paid_on, amount_cents)
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::date[], $5::date[], $6::int[])`,
    [
      (r) => r.externalId,
      (r) => customerId(r.customerExternalId),
      (r) => r.issuedOn,
      (r) => r.dueOn,
      (r) => r.paidOn,
      (r) => r.amountCents,
    ],
  );
  counts.orders += await fact(
    batch.orders,
    `INSERT INTO orders (external_id, customer_id, ordered_on, amount_cents, quantity)
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::int[], $5::int[])`,
    [
      (r) => r.externalId,
      (r) => customerId(r.customerExternalId),
      (r) => r.orderedOn,
      (r) => r.amountCents,
      (r) => r.quantity,
    ],
  );
  counts.complaints += await fact(
    batch.complaints,
    `INSERT INTO complaints (external_id, customer_id, opened_on, resolved_on, severity, summary)
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::date[], $5::int[], $6::text[])`,
    [
      (r) => r.externalId,
      (r) => customerId(r.customerExternalId),
      (r) => r.openedOn,
      (r) => r.resolvedOn,
      (r) => r.severity,
      (r) => r.summary,
    ],
  );
  counts.engagement_events += await fact(
    batch.engagementEvents,
    `INSERT INTO engagement_events (customer_id, occurred_on, kind, count)
     SELECT x.customer_id, x.occurred_on, x.kind::"EngagementKind", x.count
       FROM unnest($1::int[], $2::date[], $3::text[], $4::int[]) AS x(customer_id, occurred_on, kind, count)`,
    [(r) => customerId(r.customerExternalId), (r) => r.occurredOn, (r) => r.kind, (r) => r.count],
  );
  counts.nps_responses += await fact(
    batch.npsResponses,
    `INSERT INTO nps_responses (source_key, customer_id, answered_on, score, comment)
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[], $4::int[], $5::text[])`,
    [
      (r) => r.sourceKey,
      (r) => customerId(r.customerExternalId),
      (r) => r.answeredOn,
      (r) => r.score,
      (r) => r.comment,
    ],
  );
  // Timestamps arrive as UTC ISO strings; the columns are `timestamp` holding UTC (Prisma's convention),
  // so convert explicitly instead of depending on the session time zone.
  counts.owner_pulses += await fact(
    batch.ownerPulses,
    `INSERT INTO owner_pulses (customer_id, user_id, period, score, comment, asked_at, answered_at, reminded_at, expires_at)
     SELECT x.customer_id, x.user_id, x.period, x.score, x.comment,
            x.asked_at AT TIME ZONE 'UTC', x.answered_at AT TIME ZONE 'UTC',
            x.reminded_at AT TIME ZONE 'UTC', x.expires_at AT TIME ZONE 'UTC'
       FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[],
                   $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
         AS x(customer_id, user_id, period, score, comment, asked_at, answered_at, reminded_at, expires_at)`,
    [
      (r) => customerId(r.customerExternalId),
      (r) => userId(ids, r.userEmail),
      (r) => r.period,
      (r) => r.score,
      (r) => r.comment,
      (r) => r.askedAt,
      (r) => r.answeredAt,
      (r) => r.remindedAt,
      (r) => r.expiresAt,
    ],
  );
}

/** `rows` in chunks of `size`: one `statement` per chunk with one array parameter per column. */
async function insertInChunks<T>(
  sql: SqlSession,
  rows: T[],
  size: number,
  statement: string,
  columns: Array<(row: T) => unknown>,
): Promise<number> {
  for (const part of chunks(rows, size)) {
    await sql.query(
      statement,
      columns.map((column) => part.map(column)),
    );
  }
  return rows.length;
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
function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
