import { expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { holdImportTableVersions } from "../../src/db/queries/import-fingerprints.ts";
import { describeEachDatabase } from "../support/each-database.ts";

async function versions(db: Database): Promise<Record<string, number>> {
  const rows = await db.sql.query<{ name: string; version: string }>(
    "SELECT name, version::text AS version FROM import_table_versions",
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.version)]));
}

/** Which versions moved, and by how much, while `work` ran. */
async function moved(db: Database, work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await versions(db);
  await work();
  const after = await versions(db);
  return Object.fromEntries(
    Object.entries(after)
      .filter(([name, version]) => version !== before[name])
      .map(([name, version]) => [name, version - (before[name] ?? 0)]),
  );
}

describeEachDatabase(
  "import table versions (migration 20261202053457_import_fingerprints)",
  (database, kind) => {
    it("every statement that writes an import table moves its version, even one that changes no row", async () => {
      const { sql } = database();
      const run = (query: string) => () => sql.query(query);
      expect(
        await moved(database(), run("INSERT INTO users (email, name) VALUES ('v@example.test', 'V')")),
      ).toEqual({ users: 1 });
      expect(
        await moved(
          database(),
          run(
            "INSERT INTO customers (external_id, name, search_name, segment, customer_since) VALUES ('V1', 'V', 'v', '', '2026-01-01')",
          ),
        ),
      ).toEqual({ customers: 1 });
      expect(await moved(database(), run("UPDATE invoices SET amount_cents = 1 WHERE false"))).toEqual({
        invoices: 1,
      });
      expect(await moved(database(), run("DELETE FROM orders WHERE false"))).toEqual({ orders: 1 });
      expect(await moved(database(), run("UPDATE complaints SET severity = 1 WHERE false"))).toEqual({
        complaints: 1,
      });
      expect(await moved(database(), run("DELETE FROM engagement_events WHERE false"))).toEqual({
        engagement_events: 1,
      });
      expect(await moved(database(), run("DELETE FROM nps_responses WHERE false"))).toEqual({
        nps_responses: 1,
      });
    });

    it("the keys other imports look up move only when a key or an id changes, or rows go", async () => {
      const { sql } = database();
      const run = (query: string) => () => sql.query(query);
      expect(
        await moved(database(), run("UPDATE customers SET segment = 'x' WHERE external_id = 'V1'")),
      ).toEqual({
        customers: 1,
      });
      expect(
        await moved(database(), run("UPDATE customers SET external_id = 'V2' WHERE external_id = 'V1'")),
      ).toEqual({ customers: 1, "customers.keys": 1 });
      expect(
        await moved(database(), run("UPDATE users SET name = 'W' WHERE email = 'v@example.test'")),
      ).toEqual({
        users: 1,
      });
      expect(
        await moved(database(), run("UPDATE users SET email = 'w@example.test' WHERE name = 'W'")),
      ).toEqual({
        users: 1,
        "users.keys": 1,
      });
      expect(await moved(database(), run("DELETE FROM customers WHERE external_id = 'V2'"))).toMatchObject({
        customers: 1,
        "customers.keys": 1,
      });
    });

    it.skipIf(kind === "pglite")(
      "an import holding its versions makes a writer of its table wait until it commits (PostgreSQL)",
      async () => {
        const db = database();
        let writerFailure: unknown;
        await db.sql.transaction(async (importTx) => {
          await holdImportTableVersions(importTx, "invoices");
          // Another session's write to invoices cannot move the version while the import holds it: with
          // a lock timeout it gives up instead of waiting (the import has not committed).
          writerFailure = await db.sql
            .transaction(async (writer) => {
              await writer.exec("SET LOCAL lock_timeout = '100ms'");
              await writer.query("DELETE FROM invoices WHERE false");
            })
            .catch((error: unknown) => error);
          // A writer of customers' other columns is not held up by an invoices import.
          await db.sql.transaction(async (writer) => {
            await writer.exec("SET LOCAL lock_timeout = '100ms'");
            await writer.query("UPDATE customers SET segment = segment WHERE false");
          });
        });
        expect((writerFailure as { code?: string })?.code).toBe("55P03");
      },
    );
  },
);
