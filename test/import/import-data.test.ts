import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { importMappingSchema } from "../../src/import/columns.ts";
import { importData } from "../../src/services/import-data.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { fixture, importFile, importText, seedCustomers, testContext } from "./support.ts";

async function count(db: Database, table: string): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

const invoiceHeader = "external_id,customer_external_id,issued_on,due_on,paid_on,amount\n";

describeEachDatabase(
  "import",
  (database) => {
    const ctx = () => testContext(database());

    it("imports every kind from its example file; the same file again changes nothing", async () => {
      // users and customers were imported by the setup; import them again, then the facts twice.
      for (const [kind, file, rows] of [
        ["users", "users.csv", 2],
        ["customers", "customers.csv", 3],
      ] as const) {
        expect(await importFile(ctx(), kind, fixture(file))).toMatchObject({
          status: "completed",
          unchanged: rows,
          inserted: 0,
          updated: 0,
        });
      }
      for (const [kind, file, rows, table] of [
        ["invoices", "invoices.csv", 3, "invoices"],
        ["orders", "orders.csv", 3, "orders"],
        ["complaints", "complaints.csv", 2, "complaints"],
        ["engagement", "engagement.csv", 3, "engagement_events"],
        ["nps", "nps.csv", 3, "nps_responses"],
      ] as const) {
        const first = await importFile(ctx(), kind, fixture(file));
        expect(first, file).toMatchObject({
          status: "completed",
          rowsRead: rows,
          inserted: rows,
          updated: 0,
          unchanged: 0,
          invalid: 0,
        });
        expect(first.rescored, file).toBeGreaterThan(0);
        const second = await importFile(ctx(), kind, fixture(file));
        expect(second, file).toMatchObject({ status: "completed", inserted: 0, updated: 0, unchanged: rows });
        expect(second.rescored).toBeUndefined();
        expect(await count(database(), table)).toBe(rows);
      }
      const invoices = await database().sql.query(
        `SELECT i.external_id, c.external_id AS customer, i.issued_on::text, i.due_on::text, i.paid_on::text, i.amount_cents
           FROM invoices i JOIN customers c ON c.id = i.customer_id ORDER BY 1`,
      );
      expect(invoices).toEqual([
        {
          external_id: "F2026-001",
          customer: "C001",
          issued_on: "2026-01-05",
          due_on: "2026-02-04",
          paid_on: "2026-02-01",
          amount_cents: 123456,
        },
        {
          external_id: "F2026-002",
          customer: "C001",
          issued_on: "2026-02-05",
          due_on: "2026-03-07",
          paid_on: null,
          amount_cents: 89900,
        },
        {
          external_id: "F2026-003",
          customer: "C002",
          issued_on: "2026-01-10",
          due_on: "2026-02-09",
          paid_on: "2026-03-01",
          amount_cents: 1500000,
        },
      ]);
      const customers = await database().sql.query(
        `SELECT c.external_id, c.search_name, c.segment, u.email AS owner, c.status::text AS status, c.churned_at::text AS churned_at
           FROM customers c LEFT JOIN users u ON u.id = c.owner_id ORDER BY 1`,
      );
      expect(customers).toEqual([
        {
          external_id: "C001",
          search_name: "bakkerij brood & zo",
          segment: "retail",
          owner: "anna@example.nl",
          status: "ACTIVE",
          churned_at: null,
        },
        {
          external_id: "C002",
          search_name: "cafe hotel leon bv",
          segment: "horeca",
          owner: "bram@example.nl",
          status: "ACTIVE",
          churned_at: null,
        },
        {
          external_id: "C003",
          search_name: "technische unie noord",
          segment: "industrie",
          owner: null,
          status: "CHURNED",
          churned_at: "2026-09-30",
        },
      ]);
      const [engagement] = await database().sql.query<{ kinds: string }>(
        "SELECT string_agg(kind::text || '=' || count, ',' ORDER BY kind::text) AS kinds FROM engagement_events",
      );
      expect(engagement!.kinds).toBe("MEETING=1,NEWSLETTER_OPEN=1,WEB_VISIT=14");
      const snapshots = await count(database(), "health_snapshots");
      expect(snapshots).toBeGreaterThan(0);
    });

    it("reads a Dutch Exact export (BOM, semicolons, Dutch headers, decimal comma, € signs, DD-MM-YYYY) as the same data", async () => {
      const report = await importFile(ctx(), "invoices", fixture("invoices-exact-nl.csv"));
      expect(report).toMatchObject({
        status: "completed",
        encoding: "utf-8",
        delimiter: ";",
        rowsRead: 3,
        unchanged: 3,
        ignoredColumns: ["Omschrijving"],
      });
      expect(report.columns).toMatchObject({ external_id: "Factuurnummer", amount: "Bedrag" });
    });

    it("reads a tab-separated export with English thousands separators and DD/MM/YYYY", async () => {
      const report = await importFile(ctx(), "orders", fixture("orders-tab.tsv"));
      expect(report).toMatchObject({ status: "completed", delimiter: "\t", rowsRead: 2, unchanged: 2 });
    });

    it("reads a Windows-1252 file and keeps accents and curly quotes", async () => {
      const report = await importFile(ctx(), "customers", fixture("customers-windows-1252.csv"));
      expect(report).toMatchObject({
        status: "completed",
        encoding: "windows-1252",
        inserted: 1,
        unchanged: 2,
      });
      const rows = await database().sql.query<{
        name: string;
        search_name: string;
        customer_since: string;
        segment: string;
      }>(
        "SELECT name, search_name, customer_since::text, segment FROM customers WHERE external_id IN ('C002', 'C004') ORDER BY external_id",
      );
      expect(rows).toEqual([
        {
          name: "Café Hôtel Léon BV",
          search_name: "cafe hotel leon bv",
          customer_since: "2020-01-15",
          segment: "horeca",
        },
        {
          name: "Gerârd’s Fietsen",
          search_name: "gerard’s fietsen",
          customer_since: "2022-02-01",
          segment: "retail",
        },
      ]);
    });

    it("reads any export through a mapping file", async () => {
      const mapping = importMappingSchema.parse(
        JSON.parse(readFileSync(fixture("invoices-custom.mapping.json"), "utf8")),
      );
      const report = await importFile(ctx(), "invoices", fixture("invoices-custom.csv"), { mapping });
      expect(report).toMatchObject({ status: "completed", inserted: 1, ignoredColumns: ["Notities"] });
      const [row] = await database().sql.query<{ amount_cents: number }>(
        "SELECT amount_cents FROM invoices WHERE external_id = '2026/77'",
      );
      expect(row!.amount_cents).toBe(-4500);
    });

    it("updates and counts only the rows that changed, and rescores their customers", async () => {
      const text = `${invoiceHeader}F2026-001,C001,2026-01-05,2026-02-04,2026-02-01,1234.56
F2026-002,C001,2026-02-05,2026-03-07,2026-03-20,899.00
F2026-003,C002,2026-01-10,2026-02-09,2026-03-01,15000
`;
      const report = await importText(ctx(), "invoices", text);
      expect(report).toMatchObject({
        status: "completed",
        inserted: 0,
        updated: 1,
        unchanged: 2,
        customersTouched: 1,
        rescored: 1,
      });
      const [row] = await database().sql.query<{ paid_on: string }>(
        "SELECT paid_on::text FROM invoices WHERE external_id = 'F2026-002'",
      );
      expect(row!.paid_on).toBe("2026-03-20");
    });

    it("rescores both customers when a row moves to another customer", async () => {
      const first = await importText(
        ctx(),
        "invoices",
        `${invoiceHeader}M-1,C002,2026-04-01,2026-05-01,,10\n`,
      );
      expect(first).toMatchObject({ status: "completed", inserted: 1, customersTouched: 1, rescored: 1 });
      // The ERP books the invoice on another customer: C002 lost it and must be rescored too.
      const moved = await importText(
        ctx(),
        "invoices",
        `${invoiceHeader}M-1,C001,2026-04-01,2026-05-01,,10\n`,
      );
      expect(moved).toMatchObject({
        status: "completed",
        inserted: 0,
        updated: 1,
        unchanged: 0,
        customersTouched: 2,
        rescored: 2,
      });
      const [row] = await database().sql.query<{ customer: string }>(
        "SELECT c.external_id AS customer FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.external_id = 'M-1'",
      );
      expect(row!.customer).toBe("C001");
      const dry = await importText(
        ctx(),
        "invoices",
        `${invoiceHeader}M-1,C002,2026-04-01,2026-05-01,,10\n`,
        {
          dryRun: true,
        },
      );
      expect(dry).toMatchObject({ status: "completed", updated: 1, customersTouched: 2 });
      expect(dry.rescored).toBeUndefined();
    });

    it("keeps customer fields an export leaves empty, and churns on churned_at", async () => {
      const report = await importText(
        ctx(),
        "customers",
        "Klantnummer;Klantnaam;Branche;Einddatum\nC002;Café Hôtel Léon BV;;31-05-2026\n",
      );
      expect(report).toMatchObject({ status: "completed", updated: 1 });
      const [row] = await database().sql.query(
        "SELECT segment, status::text AS status, churned_at::text AS churned_at, owner_id IS NOT NULL AS has_owner FROM customers WHERE external_id = 'C002'",
      );
      expect(row).toEqual({
        segment: "horeca",
        status: "CHURNED",
        churned_at: "2026-05-31",
        has_owner: true,
      });
      const back = await importText(
        ctx(),
        "customers",
        "external_id,name,status\nC002,Café Hôtel Léon BV,actief\n",
      );
      expect(back).toMatchObject({ status: "completed", updated: 1 });
      const [again] = await database().sql.query(
        "SELECT status::text AS status, churned_at FROM customers WHERE external_id = 'C002'",
      );
      expect(again).toEqual({ status: "ACTIVE", churned_at: null });
    });

    const messy = `${invoiceHeader}N-1,C001,2026-04-01,2026-05-01,,10
N-2,C001,31-02-2026,2026-05-01,,10
N-3,C999,2026-04-01,2026-05-01,,10
N-4,C002,2026-04-01,2026-05-01,,12,34,5
N-1,C002,2026-04-02,2026-05-02,,11
N-5,C002,2026-04-01,2026-05-01,,"1.500,00"
`;

    it("writes nothing when one row is bad, and names every bad row", async () => {
      const before = await count(database(), "invoices");
      const report = await importText(ctx(), "invoices", messy);
      expect(report).toMatchObject({
        status: "rejected",
        rowsRead: 6,
        invalid: 4,
        inserted: 0,
        updated: 0,
        unchanged: 0,
      });
      expect(report.errors).toEqual([
        { line: 3, column: "issued_on", value: "31-02-2026", reason: "is not an existing calendar date" },
        {
          line: 4,
          column: "customer_external_id",
          value: "C999",
          reason: 'unknown customer "C999" (import it with the customers kind first)',
        },
        { line: 5, reason: expect.stringMatching(/more columns than the header/) },
        {
          line: 6,
          column: "external_id",
          value: "N-1",
          reason: "duplicate of line 2: the file has this external_id twice",
        },
      ]);
      expect(await count(database(), "invoices")).toBe(before);
    });

    it("with skipInvalid writes the good rows and reports the rest", async () => {
      const before = await count(database(), "invoices");
      const report = await importText(ctx(), "invoices", messy, { skipInvalid: true });
      expect(report).toMatchObject({
        status: "completed_with_errors",
        rowsRead: 6,
        invalid: 4,
        inserted: 2,
        unchanged: 0,
      });
      expect(report.errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
      expect(await count(database(), "invoices")).toBe(before + 2);
      const [row] = await database().sql.query<{ amount_cents: number }>(
        "SELECT amount_cents FROM invoices WHERE external_id = 'N-5'",
      );
      expect(row!.amount_cents).toBe(150000);
    });

    it("with dryRun validates and counts but writes nothing", async () => {
      const before = await count(database(), "invoices");
      const text = `${invoiceHeader}D-1,C001,2026-04-01,2026-05-01,,10\nN-5,C002,2026-04-01,2026-05-01,,1600\nN-1,C001,2026-04-01,2026-05-01,,10\n`;
      const report = await importText(ctx(), "invoices", text, { dryRun: true });
      expect(report).toMatchObject({
        status: "completed",
        dryRun: true,
        inserted: 1,
        updated: 1,
        unchanged: 1,
      });
      expect(report.rescored).toBeUndefined();
      expect(await count(database(), "invoices")).toBe(before);
      const rejected = await importText(ctx(), "invoices", messy, { dryRun: true });
      expect(rejected).toMatchObject({ status: "rejected", invalid: 4 });
    });

    it("refuses a truncated file: a cut-off last row, or a file that ends inside quotes", async () => {
      const before = await count(database(), "invoices");
      const cut = await importText(
        ctx(),
        "invoices",
        `${invoiceHeader}T-1,C001,2026-04-01,2026-05-01,,10\nT-2,C001,2026-04-01`,
      );
      expect(cut).toMatchObject({
        status: "rejected",
        invalid: 1,
        errors: [{ line: 3, reason: expect.stringMatching(/3 of the header's 6 columns/) }],
      });
      const quoted = await importText(
        ctx(),
        "invoices",
        `${invoiceHeader}T-1,C001,2026-04-01,2026-05-01,,10\nT-2,C001,2026-04-01,2026-05-01,,"10`,
        {
          skipInvalid: true,
        },
      );
      expect(quoted).toMatchObject({ status: "failed", fileError: expect.stringMatching(/truncated/) });
      expect(await count(database(), "invoices")).toBe(before);
    });

    it("refuses an empty file and a file without the required columns; a header-only file imports nothing", async () => {
      expect(await importText(ctx(), "invoices", "")).toMatchObject({
        status: "failed",
        fileError: expect.stringMatching(/empty/),
      });
      expect(await importText(ctx(), "invoices", "Factuurnummer;Bedrag\nF1;10\n")).toMatchObject({
        status: "failed",
        fileError: expect.stringMatching(/customer_external_id is missing/),
      });
      expect(await importText(ctx(), "invoices", invoiceHeader)).toMatchObject({
        status: "completed",
        rowsRead: 0,
        inserted: 0,
      });
    });

    it("shows the first 50 problems and counts them all", async () => {
      const rows = Array.from({ length: 120 }, (_, i) => `B-${i},C001,not a date,2026-05-01,,10`).join("\n");
      const report = await importText(ctx(), "invoices", `${invoiceHeader}${rows}\n`);
      expect(report).toMatchObject({ status: "rejected", invalid: 120, rowsRead: 120 });
      expect(report.errors).toHaveLength(50);
      expect(report.errors[49]!.line).toBe(51);
    });

    it("records every import in import_runs", async () => {
      const report = await importFile(ctx(), "nps", fixture("nps.csv"), { dryRun: true });
      const [run] = await database().sql.query(
        `SELECT kind, source, dry_run, status, rows_read, inserted, updated, unchanged, invalid, errors::text AS errors,
                finished_at IS NOT NULL AS finished, duration_ms >= 0 AS timed FROM import_runs WHERE id = $1`,
        [report.runId],
      );
      expect(run).toEqual({
        kind: "nps",
        source: "nps.csv",
        dry_run: true,
        status: "completed",
        rows_read: 3,
        inserted: 0,
        updated: 0,
        unchanged: 3,
        invalid: 0,
        errors: "[]",
        finished: true,
        timed: true,
      });
      const failed = await importText(ctx(), "orders", "");
      const [failedRun] = await database().sql.query<{ status: string; errors: unknown }>(
        "SELECT status, errors FROM import_runs WHERE id = $1",
        [failed.runId],
      );
      expect(failedRun).toMatchObject({
        status: "failed",
        errors: [{ line: 0, reason: expect.stringMatching(/empty/) }],
      });
    });

    it("refuses a Slack id that belongs to another user", async () => {
      const report = await importText(
        ctx(),
        "users",
        "email,name,slack_user_id\ncees@example.nl,Cees,U0ANNA\n",
      );
      expect(report).toMatchObject({
        status: "rejected",
        errors: [{ line: 2, column: "slack_user_id", reason: '"U0ANNA" already belongs to another user' }],
      });
    });

    it("imports the rows of a JSON body", async () => {
      const report = await importData({
        ctx: ctx(),
        kind: "orders",
        source: {
          format: "rows",
          name: "api",
          rows: [
            { Ordernummer: "J-1", Klantnummer: "C001", Orderdatum: "2026-04-01", Bedrag: 12.5 },
            { external_id: "J-2", customer_external_id: "C001", ordered_on: "2026-04-01", amount: "nope" },
          ],
        },
      });
      expect(report).toMatchObject({ status: "failed", fileError: expect.stringMatching(/both read as/) });
      const ok = await importData({
        ctx: ctx(),
        kind: "orders",
        source: {
          format: "rows",
          name: "api",
          rows: [
            {
              external_id: "J-1",
              customer_external_id: "C001",
              ordered_on: "2026-04-01",
              amount: 12.5,
              quantity: 2,
            },
            { external_id: "J-2", customer_external_id: "C001", ordered_on: "2026-04-01", amount: "nope" },
            "not an object",
          ],
        },
        skipInvalid: true,
      });
      expect(ok).toMatchObject({ status: "completed_with_errors", inserted: 1, invalid: 2 });
      expect(ok.errors[0]).toMatchObject({ line: 2, column: "amount" });
      expect(ok.errors[1]).toMatchObject({ line: 3 });
    });

    it("two overlapping imports at once end consistent", async () => {
      const line = (i: number, amount: number) => `P-${i},C00${(i % 2) + 1},2026-04-01,2026-05-01,,${amount}`;
      const range = (from: number, to: number, amount: number) =>
        Array.from({ length: to - from }, (_, k) => line(from + k, amount)).join("\n");
      const a = `${invoiceHeader}${range(0, 3000, 10)}\n`;
      const b = `${invoiceHeader}${range(2000, 5000, 10)}\n`;
      const [first, second] = await Promise.all([
        importText(ctx(), "invoices", a, { batchSize: 500 }),
        importText(ctx(), "invoices", b, { batchSize: 500 }),
      ]);
      expect(first.status).toBe("completed");
      expect(second.status).toBe("completed");
      expect(first.inserted + second.inserted).toBe(5000);
      expect(first.unchanged + second.unchanged).toBe(1000);
      const [row] = await database().sql.query<{ n: number; distinct_ids: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids FROM invoices WHERE external_id LIKE 'P-%'",
      );
      expect(row).toEqual({ n: 5000, distinct_ids: 5000 });

      // Overlapping rows with different values: every row ends as one file's version, counted once.
      const c = `${invoiceHeader}${range(0, 3000, 20)}\n`;
      const d = `${invoiceHeader}${range(2000, 5000, 30)}\n`;
      const [third, fourth] = await Promise.all([
        importText(ctx(), "invoices", c, { batchSize: 500 }),
        importText(ctx(), "invoices", d, { batchSize: 500 }),
      ]);
      expect(third.updated + fourth.updated).toBe(6000);
      const amounts = await database().sql.query<{ amount_cents: number; n: number }>(
        "SELECT amount_cents, count(*)::int AS n FROM invoices WHERE external_id LIKE 'P-%' GROUP BY 1 ORDER BY 1",
      );
      const total = amounts.reduce((sum, group) => sum + group.n, 0);
      expect(total).toBe(5000);
      expect(amounts.every((group) => group.amount_cents === 2000 || group.amount_cents === 3000)).toBe(true);
    });
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
