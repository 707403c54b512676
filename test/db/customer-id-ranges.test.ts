import { expect, it } from "vitest";
import { customerIdRanges } from "../../src/db/queries/signal-inputs.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("scoring id ranges (src/db/queries/signal-inputs.ts)", (database) => {
  it("splits the customers that existed on the date into consecutive ranges of at most chunkSize", async () => {
    const { sql } = database();
    expect(await customerIdRanges(sql, { asOf: "2026-01-01", customerIds: undefined, chunkSize: 2 })).toEqual(
      [],
    );
    const rows = await sql.query<{ id: number }>(
      `INSERT INTO customers (external_id, name, search_name, customer_since)
       SELECT 'C' || n, 'Customer ' || n, 'customer ' || n,
              CASE WHEN n = 3 THEN DATE '2026-06-01' ELSE DATE '2024-01-01' END
       FROM generate_series(1, 6) n ORDER BY n RETURNING id`,
    );
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    const [c1, c2, , c4, c5, c6] = ids as [number, number, number, number, number, number];
    // Customer 3 started after the date: it is in no range (a range may still span its id).
    expect(await customerIdRanges(sql, { asOf: "2026-01-01", customerIds: undefined, chunkSize: 2 })).toEqual(
      [
        { from: c1, to: c2 },
        { from: c4, to: c5 },
        { from: c6, to: c6 },
      ],
    );
    expect(await customerIdRanges(sql, { asOf: "2026-06-01", customerIds: undefined, chunkSize: 4 })).toEqual(
      [
        { from: ids[0], to: ids[3] },
        { from: c5, to: c6 },
      ],
    );
    expect(
      await customerIdRanges(sql, { asOf: "2026-01-01", customerIds: [c6, c2, c4], chunkSize: 2 }),
    ).toEqual([
      { from: c2, to: c4 },
      { from: c6, to: c6 },
    ]);
    expect(await customerIdRanges(sql, { asOf: "2026-01-01", customerIds: [], chunkSize: 2 })).toEqual([]);
  });
});
