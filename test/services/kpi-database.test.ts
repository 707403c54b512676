import { expect, it } from "vitest";
import { getKpis } from "../../src/services/get-kpis.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

/**
 * The ARCHITECTURE.md worked example through the real database path: 250 customers at the start of
 * 2026-Q3, 60 new in the quarter, 50 lost (ERP churn date in the quarter) → 260 at the end,
 * retention (260 − 60) / 250 = 80 %, churn 50 / 250 = 20 %.
 */
describeEachDatabase(
  "KPIs over the database",
  (database) => {
    it("retention and churn follow the worked example", async () => {
      const ctx = testServiceContext(database());
      const kpi = await getKpis({ ctx, from: "2026-07-01", to: "2026-09-30" });
      expect(kpi).toMatchObject({
        customersAtStart: 250,
        newCustomers: 60,
        lostCustomers: 50,
        customersAtEnd: 260,
      });
      expect(kpi.retentionRate).toBeCloseTo(80, 10);
      expect(kpi.churnRate).toBeCloseTo(20, 10);
    });

    it("filters by segment, case-insensitively", async () => {
      const ctx = testServiceContext(database());
      const kpi = await getKpis({ ctx, from: "2026-07-01", to: "2026-09-30", segment: "enterprise" });
      // Every fifth customer of each group is Enterprise: 50 at start, 12 new, 10 lost.
      expect(kpi).toMatchObject({
        customersAtStart: 50,
        newCustomers: 12,
        lostCustomers: 10,
        customersAtEnd: 52,
      });
      expect(kpi.retentionRate).toBeCloseTo(80, 10);
    });

    it("counts a customer that stopped ordering 180 days ago as churned (silent churn)", async () => {
      const db = database();
      const ctx = testServiceContext(db);
      await db.sql.exec(`
        INSERT INTO customers (external_id, name, search_name, segment, customer_since)
        VALUES ('SILENT', 'Stille Klant', 'stille klant', 'Silent', '2024-01-01');
        INSERT INTO orders (external_id, customer_id, ordered_on, amount_cents)
        SELECT 'SILENT-1', id, DATE '2026-02-01', 10000 FROM customers WHERE external_id = 'SILENT';`);
      // Last order 2026-02-01 + 180 days = 2026-07-31: lost in Q3, not in Q2.
      const q2 = await getKpis({ ctx, from: "2026-04-01", to: "2026-06-30", segment: "Silent" });
      const q3 = await getKpis({ ctx, from: "2026-07-01", to: "2026-09-30", segment: "Silent" });
      expect(q2).toMatchObject({ customersAtStart: 1, lostCustomers: 0, customersAtEnd: 1 });
      expect(q3).toMatchObject({ customersAtStart: 1, lostCustomers: 1, customersAtEnd: 0 });
      expect(q3.churnRate).toBe(100);
    });

    it("sums revenue and NPS answers in the period only", async () => {
      const db = database();
      const ctx = testServiceContext(db);
      await db.sql.exec(`
        INSERT INTO customers (external_id, name, search_name, segment, customer_since)
        VALUES ('NPS', 'Nps Klant', 'nps klant', 'Nps', '2024-01-01');
        INSERT INTO invoices (external_id, customer_id, issued_on, due_on, amount_cents)
        SELECT 'NPS-' || n, c.id, DATE '2026-06-15' + n * 30, DATE '2026-07-15' + n * 30, 100000
        FROM customers c, generate_series(0, 3) n WHERE c.external_id = 'NPS';
        INSERT INTO nps_responses (source_key, customer_id, answered_on, score)
        SELECT 'nps-' || s, c.id, DATE '2026-08-01', s FROM customers c, unnest(ARRAY[10, 9, 7, 3]) s
        WHERE c.external_id = 'NPS';`);
      const kpi = await getKpis({ ctx, from: "2026-07-01", to: "2026-09-30", segment: "Nps" });
      // Invoices on 07-15, 08-14, 09-13 fall in Q3; 06-15 does not.
      expect(kpi.revenue).toBe(300_000);
      // 2 promoters, 1 passive, 1 detractor of 4 → (2 − 1) / 4 = 25.
      expect(kpi.nps).toBe(25);
      expect(kpi.npsAnswers).toBe(4);
    });
  },
  {
    async setup(db) {
      // 250 at the start (since 2025), 50 of them lost in Q3; 60 new in Q3. Every fifth is Enterprise.
      await db.sql.exec(`
        INSERT INTO customers (external_id, name, search_name, segment, customer_since, churned_at, status)
        SELECT 'S' || n, 'Start ' || n, 'start ' || n, CASE WHEN n % 5 = 0 THEN 'Enterprise' ELSE 'MKB' END,
               DATE '2025-01-01' + n, CASE WHEN n <= 50 THEN DATE '2026-07-01' + n ELSE NULL END,
               (CASE WHEN n <= 50 THEN 'CHURNED' ELSE 'ACTIVE' END)::"CustomerStatus"
        FROM generate_series(1, 250) n;
        INSERT INTO customers (external_id, name, search_name, segment, customer_since)
        SELECT 'N' || n, 'Nieuw ' || n, 'nieuw ' || n, CASE WHEN n % 5 = 0 THEN 'Enterprise' ELSE 'MKB' END,
               DATE '2026-07-01' + n
        FROM generate_series(1, 60) n;`);
    },
  },
);
