import { expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { copyTextLine } from "../../src/db/copy-text.ts";
import { type MergeOutcome, mergeImportStage } from "../../src/db/queries/import-merge.ts";
import { copyIntoImportStage, createImportStage } from "../../src/db/queries/import-stage.ts";
import { describeEachDatabase } from "../support/each-database.ts";

/**
 * The merge in ranges of file lines (PGlite's, so the event loop turns between statements) must write
 * exactly what one statement writes: the same rows, counts and customers to rescore, in one transaction.
 */
type Invoice = [
  externalId: string,
  customer: string,
  issued: string,
  due: string,
  paid: string | null,
  cents: number,
];

async function mergeInvoices(db: Database, rows: Invoice[], chunkLines?: number): Promise<MergeOutcome> {
  return db.sql.transaction(async (tx) => {
    await createImportStage(tx, "invoices");
    const copy = await copyIntoImportStage(tx, "invoices");
    await copy.write(rows.map((row, i) => copyTextLine([i + 2, ...row])).join(""));
    await copy.finish();
    return mergeImportStage(tx, "invoices", "2026-11-25", chunkLines ? { chunkLines } : {});
  });
}

async function invoicesOf(db: Database, prefix: string) {
  return db.sql.query<{
    external_id: string;
    customer: string;
    paid_on: string | null;
    amount_cents: number;
  }>(
    `SELECT i.external_id, c.external_id AS customer, i.paid_on::text AS paid_on, i.amount_cents
     FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.external_id LIKE $1 ORDER BY i.external_id`,
    [`${prefix}%`],
  );
}

async function customerIds(db: Database, externalIds: string[]): Promise<number[]> {
  const rows = await db.sql.query<{ id: number }>(
    "SELECT id FROM customers WHERE external_id = ANY ($1::text[]) ORDER BY id",
    [externalIds],
  );
  return rows.map((row) => Number(row.id));
}

describeEachDatabase(
  "import merge in ranges of lines",
  (database) => {
    const sorted = (outcome: MergeOutcome) => ({ ...outcome, customerIds: [...outcome.customerIds].sort() });
    const first = (prefix: string): Invoice[] =>
      Array.from({ length: 7 }, (_, i) => [
        `${prefix}-${i}`,
        `MR${i % 3}`,
        "2026-10-01",
        "2026-10-31",
        null,
        1000 + i,
      ]);
    // Unchanged rows, a paid one, a new amount, a move to another customer and two new invoices.
    const second = (prefix: string): Invoice[] => [
      ...first(prefix).slice(0, 3),
      [`${prefix}-3`, "MR0", "2026-10-01", "2026-10-31", "2026-11-02", 1003],
      [`${prefix}-4`, "MR1", "2026-10-01", "2026-10-31", null, 999],
      [`${prefix}-5`, "MR0", "2026-10-01", "2026-10-31", null, 1005],
      first(prefix)[6]!,
      [`${prefix}-7`, "MR2", "2026-11-01", "2026-12-01", null, 70],
      [`${prefix}-8`, "MR2", "2026-11-01", "2026-12-01", null, 80],
    ];

    it("writes what one statement writes, with the same counts and customers to rescore", async () => {
      const db = database();
      const whole = [await mergeInvoices(db, first("W")), await mergeInvoices(db, second("W"))];
      const ranges = [await mergeInvoices(db, first("R"), 2), await mergeInvoices(db, second("R"), 2)];
      expect(ranges.map(sorted)).toEqual(whole.map(sorted));
      const [mr0, mr1, mr2] = await customerIds(db, ["MR0", "MR1", "MR2"]);
      expect(sorted(ranges[1]!)).toEqual({
        inserted: 2,
        updated: 3,
        valid: 9,
        // MR0: paid and gained one; MR1: new amount; MR2: lost one (-5 moved to MR0) and gained two.
        customerIds: [mr0, mr1, mr2].sort(),
      });
      const stripped = (rows: Awaited<ReturnType<typeof invoicesOf>>) =>
        rows.map(({ external_id, ...rest }) => ({ id: external_id.slice(2), ...rest }));
      expect(stripped(await invoicesOf(db, "R-"))).toEqual(stripped(await invoicesOf(db, "W-")));
      // The stage is whole again after the ranges (the import's later steps read it).
      const [{ n }] = (await db.sql.transaction(async (tx) => {
        await createImportStage(tx, "invoices");
        const copy = await copyIntoImportStage(tx, "invoices");
        await copy.write(
          first("S")
            .map((row, i) => copyTextLine([i + 2, ...row]))
            .join(""),
        );
        await copy.finish();
        await mergeImportStage(tx, "invoices", "2026-11-25", { chunkLines: 3 });
        return tx.query<{ n: number }>("SELECT count(*)::int AS n FROM import_stage");
      })) as [{ n: number }];
      expect(n).toBe(7);
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(
        `INSERT INTO customers (external_id, name, search_name, segment, customer_since) VALUES
           ('MR0', 'Merge Nul', 'merge nul', '', '2025-01-01'),
           ('MR1', 'Merge Een', 'merge een', '', '2025-01-01'),
           ('MR2', 'Merge Twee', 'merge twee', '', '2025-01-01')`,
      );
    },
  },
);
