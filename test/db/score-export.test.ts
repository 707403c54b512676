import { expect, it } from "vitest";
import { listScoresOn } from "../../src/db/queries/score-export.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("score export (src/db/queries/score-export.ts)", (database) => {
  it("lists every customer existing on the date with that date's snapshot, or none when churned", async () => {
    const { sql } = database();
    await sql.exec(`
      INSERT INTO customers (id, external_id, name, search_name, customer_since) VALUES
        (1, 'K-2', 'Bolt', 'bolt', '2024-01-01'),
        (2, 'K-1', 'Acme, Inc.', 'acme inc', '2024-01-01'),
        (3, 'K-3', 'Later', 'later', '2026-07-01');
      INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, churn_probability, signals) VALUES
        (2, '2026-06-30', 31, 'AT_RISK', 0.9, 0.69, '[]'),
        (2, '2026-06-29', 80, 'HEALTHY', 0.9, 0.2, '[]'),
        (1, '2026-06-29', 75, 'HEALTHY', 0.8, 0.25, '[]');
    `);
    expect(await listScoresOn(sql, "2026-06-30")).toEqual([
      {
        customerId: 2,
        externalId: "K-1",
        name: "Acme, Inc.",
        segment: "",
        score: 31,
        band: "AT_RISK",
        churnProbability: 0.69,
        confidence: 0.9,
      },
      // Scored the day before but not on the date: churned by then, so no score of that date.
      {
        customerId: 1,
        externalId: "K-2",
        name: "Bolt",
        segment: "",
        score: null,
        band: null,
        churnProbability: null,
        confidence: null,
      },
    ]);
  });
});
