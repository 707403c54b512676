import { AppError } from "../../../src/app-error.ts";
import type { SqlSession } from "../../../src/db/sql-session.ts";
import type { DemoBatch } from "../generate.ts";

/**
 * The database ids the load has learned so far, by external id (customers) and email (users), so child
 * rows carry integer ids; what this load did not insert itself is looked up once, and a reference to
 * nobody is refused.
 */
export interface Ids {
  customers: Map<string, number>;
  users: Map<string, number>;
}

/** Looks up users referred to by email that this load did not insert itself. */
export async function resolveUsers(sql: SqlSession, ids: Ids, emails: (string | null)[]): Promise<void> {
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
export async function resolveCustomers(sql: SqlSession, ids: Ids, batch: DemoBatch): Promise<void> {
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

export function userId(ids: Ids, email: string | null): number | null {
  return email === null ? null : ids.users.get(email)!;
}
