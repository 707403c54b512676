import { expect, it } from "vitest";
import { listCustomerSegments } from "../../src/db/queries/customers.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("customer segments (src/db/queries/customers.ts)", (database) => {
  it("lists each spelling once, sorted, without the empty segment", async () => {
    const { sql } = database();
    expect(await listCustomerSegments(sql)).toEqual([]);
    await sql.exec(`
      INSERT INTO customers (external_id, name, search_name, customer_since, segment) VALUES
        ('C1', 'Acme', 'acme', '2024-01-01', 'Retail'),
        ('C2', 'Bolt', 'bolt', '2024-01-01', 'Horeca'),
        ('C3', 'Cees', 'cees', '2024-01-01', 'Retail'),
        ('C4', 'Dirk', 'dirk', '2024-01-01', ''),
        ('C5', 'Eva', 'eva', '2024-01-01', 'retail');
    `);
    const segments = await listCustomerSegments(sql);
    expect(segments).toHaveLength(3);
    expect(new Set(segments)).toEqual(new Set(["Horeca", "Retail", "retail"]));
    expect(segments[0]).toBe("Horeca");
  });
});
