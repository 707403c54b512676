import { expect, it } from "vitest";
import { countDemoRows, generateDemoBatches, generateDemoData } from "../../prisma/seed/generate.ts";
import { loadDemoData, seedDatabase } from "../../prisma/seed/load.ts";
import { AppError } from "../../src/app-error.ts";
import { describeEachDatabase } from "../support/each-database.ts";

const asOf = "2026-06-30";
const options = { customers: 60, seed: 42, asOf };
const expected = countDemoRows(generateDemoData(options));

async function tableCounts(sql: { query<T>(text: string): Promise<T[]> }): Promise<Record<string, number>> {
  const [row] = await sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM users)::int AS users,
            (SELECT count(*) FROM customers)::int AS customers,
            (SELECT count(*) FROM invoices)::int AS invoices,
            (SELECT count(*) FROM orders)::int AS orders,
            (SELECT count(*) FROM complaints)::int AS complaints,
            (SELECT count(*) FROM engagement_events)::int AS engagement_events,
            (SELECT count(*) FROM nps_responses)::int AS nps_responses,
            (SELECT count(*) FROM owner_pulses)::int AS owner_pulses`,
  );
  return row!;
}

const expectedCounts = {
  users: expected.users,
  customers: expected.customers,
  invoices: expected.invoices,
  orders: expected.orders,
  complaints: expected.complaints,
  engagement_events: expected.engagementEvents,
  nps_responses: expected.npsResponses,
  owner_pulses: expected.ownerPulses,
};

describeEachDatabase("seed: loading demo data", (database) => {
  it("loads every generated row and reports the counts", async () => {
    const lines: string[] = [];
    const result = await seedDatabase(database(), { ...options, log: (line) => lines.push(line) });
    expect(result.counts).toEqual(expectedCounts);
    expect(await tableCounts(database().sql)).toEqual(expectedCounts);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(lines.at(-1)).toMatch(/loaded \d+ rows/);
  });

  it("stores names, owners, managers, dates and enums as generated", async () => {
    const { sql } = database();
    const [acme] = await sql.query<{
      name: string;
      owner: string;
      status: string;
      since: string;
      segment: string;
    }>(
      `SELECT c.name, u.email AS owner, c.status::text AS status, c.customer_since::text AS since, c.segment
         FROM customers c JOIN users u ON u.id = c.owner_id WHERE c.search_name = 'acme'`,
    );
    const generated = generateDemoData(options).customers[0]!;
    expect(acme).toEqual({
      name: "Acme",
      owner: "jan@klantpuls.demo",
      status: "ACTIVE",
      since: generated.customerSince,
      segment: "Enterprise",
    });
    const [leon] = await sql.query<{ name: string }>(
      "SELECT name FROM customers WHERE search_name = 'cafe hotel leon bv'",
    );
    expect(leon?.name).toBe("Café Hôtel Léon BV");
    const managers = await sql.query<{ email: string; manager: string | null }>(
      "SELECT u.email, m.email AS manager FROM users u LEFT JOIN users m ON m.id = u.manager_id ORDER BY u.email",
    );
    expect(managers.find((u) => u.email === "pieter@klantpuls.demo")?.manager).toBe("jan@klantpuls.demo");
    expect(managers.find((u) => u.email === "jan@klantpuls.demo")?.manager).toBeNull();
    const [churned] = await sql.query<{ status: string; churned_at: string }>(
      "SELECT status::text AS status, churned_at::text AS churned_at FROM customers WHERE external_id = 'K-1006'",
    );
    expect(churned?.status).toBe("CHURNED");
    expect(churned?.churned_at).toBe(generateDemoData(options).customers[5]!.churnedAt);
  });

  it("stores pulse timestamps as UTC wall time (Prisma's convention)", async () => {
    const pulse = generateDemoData(options).ownerPulses.find((p) => p.customerExternalId === "K-1001")!;
    const [row] = await database().sql.query<{ asked: string }>(
      `SELECT to_char(p.asked_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS asked
         FROM owner_pulses p JOIN customers c ON c.id = p.customer_id
        WHERE c.external_id = 'K-1001' AND p.period = $1`,
      [pulse.period],
    );
    expect(row?.asked).toBe(pulse.askedAt);
  });

  it("refuses to seed over existing customers, and replaces them on request", async () => {
    const db = database();
    await expect(seedDatabase(db, options)).rejects.toThrow(AppError);
    await expect(seedDatabase(db, options)).rejects.toThrow(/already holds 60 customers/);
    const result = await seedDatabase(db, { ...options, customers: 30, replace: true });
    expect(result.counts.customers).toBe(30);
    const counts = await tableCounts(db.sql);
    expect(counts.customers).toBe(30);
    // Users are upserted by email, not duplicated.
    expect(counts.users).toBe(expected.users);
    expect(counts.invoices).toBe(result.counts.invoices);
  });

  it("loads a stream of batches in per-batch transactions with small statements", async () => {
    const db = database();
    await db.sql.exec("TRUNCATE customers RESTART IDENTITY CASCADE");
    const result = await loadDemoData(db.sql, generateDemoBatches({ ...options, batchCustomers: 9 }), {
      rowsPerStatement: 700,
    });
    expect(result.counts).toEqual({ ...expectedCounts });
    expect(await tableCounts(db.sql)).toEqual(expectedCounts);
  });
});
