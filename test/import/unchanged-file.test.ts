import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import type { ImportKind } from "../../src/import/kinds.ts";
import { type ImportOptions, importData } from "../../src/services/import-data.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { importText, seedCustomers, testContext } from "./support.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "kp-unchanged-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const invoices = `external_id,customer_external_id,issued_on,due_on,paid_on,amount
F-1,C001,2026-01-05,2026-02-04,2026-02-01,1234.56
F-2,C001,2026-02-05,2026-03-07,,899.00
F-3,C002,2026-01-10,2026-02-09,2026-03-01,15000
`;

/** A file the import may read twice, as the CLI gives it. */
function importFileTwice(
  db: Database,
  kind: ImportKind,
  name: string,
  text: string,
  extra: Omit<ImportOptions, "ctx" | "kind" | "source"> = {},
) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return importData({
    ctx: testContext(db),
    kind,
    source: { format: "csv", name, bytes: () => createReadStream(file), totalBytes: text.length },
    rescore: false,
    ...extra,
  });
}

async function versions(db: Database): Promise<Record<string, string>> {
  const rows = await db.sql.query<{ name: string; version: string }>(
    "SELECT name, version::text AS version FROM import_table_versions ORDER BY name",
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.version]));
}

async function amount(db: Database, externalId: string): Promise<number> {
  const [row] = await db.sql.query<{ amount_cents: number }>(
    "SELECT amount_cents FROM invoices WHERE external_id = $1",
    [externalId],
  );
  return row!.amount_cents;
}

describeEachDatabase(
  "re-import of an unchanged file",
  (database) => {
    it("is reported unchanged, as the first import saw the file, without writing anything", async () => {
      const first = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(first).toMatchObject({ status: "completed", inserted: 3, rowsRead: 3 });
      expect(first.sameFileAs).toBeUndefined();
      const before = await versions(database());

      const second = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(second).toMatchObject({
        status: "completed",
        sameFileAs: first.runId,
        rowsRead: 3,
        inserted: 0,
        updated: 0,
        unchanged: 3,
        invalid: 0,
        errors: [],
        customersTouched: 0,
        columns: first.columns,
        encoding: first.encoding,
        delimiter: first.delimiter,
        ignoredColumns: first.ignoredColumns,
      });
      // The columns in the file's order, as the first report listed them (not as jsonb sorts keys).
      expect(Object.keys(second.columns)).toEqual(Object.keys(first.columns));
      expect(second.rescored).toBeUndefined();
      expect(await versions(database())).toEqual(before);
      const [run] = await database().sql.query<{ status: string; unchanged: number; rows_read: number }>(
        "SELECT status, unchanged, rows_read FROM import_runs WHERE id = $1",
        [second.runId],
      );
      expect(run).toEqual({ status: "completed", unchanged: 3, rows_read: 3 });
    });

    it("imports the file again when one of its rows was changed since, and puts the row back", async () => {
      await database().sql.query("UPDATE invoices SET amount_cents = 1 WHERE external_id = 'F-2'");
      const again = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(again).toMatchObject({ status: "completed", updated: 1, unchanged: 2 });
      expect(again.sameFileAs).toBeUndefined();
      expect(await amount(database(), "F-2")).toBe(89_900);
      const next = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(next).toMatchObject({ sameFileAs: again.runId, unchanged: 3 });
    });

    it("checks the customers again when a customer number changed, but not for other customer changes", async () => {
      const start = await importFileTwice(database(), "invoices", "a.csv", invoices);
      await database().sql.query("UPDATE customers SET segment = 'Zorg' WHERE external_id = 'C002'");
      const segment = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(segment.sameFileAs).toBe(start.sameFileAs);

      await database().sql.query("UPDATE customers SET external_id = 'C002-old' WHERE external_id = 'C002'");
      const renamed = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(renamed).toMatchObject({ status: "rejected", invalid: 1 });
      expect(renamed.errors[0]).toMatchObject({ line: 4, column: "customer_external_id", value: "C002" });

      await database().sql.query("UPDATE customers SET external_id = 'C002' WHERE external_id = 'C002-old'");
      const back = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(back).toMatchObject({ status: "completed", unchanged: 3 });
      expect(back.sameFileAs).toBeUndefined();
    });

    it("reads the file again under other options, after another file, or after a dry run", async () => {
      const base = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(base.sameFileAs).toBeDefined();
      const mdy = await importFileTwice(database(), "invoices", "a.csv", invoices, { dateOrder: "MDY" });
      expect(mdy).toMatchObject({ status: "completed", unchanged: 3 });
      expect(mdy.sameFileAs).toBeUndefined();

      // Another file of the kind moved the table on: the first file is read again.
      const other = `${invoices.trimEnd()}\nF-4,C002,2026-03-10,2026-04-09,,10\n`;
      expect(await importFileTwice(database(), "invoices", "b.csv", other)).toMatchObject({ inserted: 1 });
      const a = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(a).toMatchObject({ status: "completed", unchanged: 3 });
      expect(a.sameFileAs).toBeUndefined();

      // A dry run writes nothing, not even its fingerprint.
      const dry = await importFileTwice(database(), "invoices", "b.csv", other, { dryRun: true });
      expect(dry).toMatchObject({ status: "completed", dryRun: true, unchanged: 4, inserted: 0 });
      expect(dry.sameFileAs).toBeUndefined();
      const afterDry = await importFileTwice(database(), "invoices", "b.csv", other);
      expect(afterDry.sameFileAs).toBeUndefined();
    });

    it("recognises a file that came in through standard input before, and standard input too", async () => {
      const piped = await importText(testContext(database()), "invoices", invoices, { rescore: false });
      expect(piped).toMatchObject({ status: "completed", unchanged: 3 });
      expect(piped.sameFileAs).toBeUndefined();
      const file = await importFileTwice(database(), "invoices", "a.csv", invoices);
      expect(file).toMatchObject({ sameFileAs: piped.runId, unchanged: 3 });

      // Read once, so staged, but neither checked nor merged: nothing is written.
      const before = await versions(database());
      const again = await importText(testContext(database()), "invoices", invoices, { rescore: false });
      expect(again).toMatchObject({
        status: "completed",
        sameFileAs: piped.runId,
        rowsRead: 3,
        unchanged: 3,
        inserted: 0,
        updated: 0,
      });
      expect(await versions(database())).toEqual(before);

      // One byte more (another amount) is another file.
      const changed = await importText(
        testContext(database()),
        "invoices",
        invoices.replace("899.00", "899.01"),
        {
          rescore: false,
        },
      );
      expect(changed).toMatchObject({ status: "completed", updated: 1, unchanged: 2 });
      expect(changed.sameFileAs).toBeUndefined();
    });

    it("does the same for customers and users, whose merges read the users", async () => {
      const users = "email,name,role\nnew@example.test,New Person,member\n";
      const customers = "external_id,name,owner_email\nC900,Nieuw BV,new@example.test\n";
      expect(await importFileTwice(database(), "users", "u.csv", users)).toMatchObject({ inserted: 1 });
      expect(await importFileTwice(database(), "customers", "c.csv", customers)).toMatchObject({
        inserted: 1,
      });
      const users2 = await importFileTwice(database(), "users", "u.csv", users);
      expect(users2).toMatchObject({ status: "completed", unchanged: 1 });
      expect(users2.sameFileAs).toBeDefined();
      const customers2 = await importFileTwice(database(), "customers", "c.csv", customers);
      expect(customers2.sameFileAs).toBeDefined();
      // The owner's e-mail address changes: the customers file's owner is unknown now.
      await database().sql.query(
        "UPDATE users SET email = 'renamed@example.test' WHERE email = 'new@example.test'",
      );
      const customers3 = await importFileTwice(database(), "customers", "c.csv", customers);
      expect(customers3).toMatchObject({ status: "rejected", invalid: 1 });
    });
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
