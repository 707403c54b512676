import { describe, expect, it } from "vitest";
import { leadTimes, topShare } from "../../src/domain/health/lead-time.ts";

/** Backtest rows: on each date, whether the customer churned in the horizon and how long it was silent. */
const rows = [
  // Customer 1 last ordered on 2026-03-01: flagged a month before it, churned after it.
  { customerId: 1, asOf: "2026-02-01", label: 0, daysSinceLast: 10, risk: 0.9 },
  { customerId: 1, asOf: "2026-03-31", label: 1, daysSinceLast: 30, risk: 0.95 },
  // Customer 2 last ordered on 2026-02-20 and was only flagged 39 days later.
  { customerId: 2, asOf: "2026-02-01", label: 0, daysSinceLast: 5, risk: 0.1 },
  { customerId: 2, asOf: "2026-03-31", label: 1, daysSinceLast: 39, risk: 0.8 },
  // Customer 3 stays and is never flagged.
  { customerId: 3, asOf: "2026-02-01", label: 0, daysSinceLast: 3, risk: 0.05 },
  { customerId: 3, asOf: "2026-03-31", label: 0, daysSinceLast: 2, risk: 0.2 },
];

describe("lead time of the backtest's warnings", () => {
  it("counts days from the first flag to each churner's last order, positive when warned in time", () => {
    const result = leadTimes(rows, (row) => row.risk >= 0.5);
    // Customer 1: 2026-02-01 → 2026-03-01 = 28 days; customer 2: 2026-03-31 → 2026-02-20 = −39 days.
    expect(result).toEqual({ churnersFlagged: 2, medianDays: -5.5, shareAtLeast45Days: 0 });
  });

  it("flags the same share of each date's rows for a yardstick, riskiest first", () => {
    const flagged = topShare(rows, (row) => row.risk, 1 / 3);
    expect(rows.filter(flagged).map((row) => [row.customerId, row.asOf])).toEqual([
      [1, "2026-02-01"],
      [1, "2026-03-31"],
    ]);
  });
});
