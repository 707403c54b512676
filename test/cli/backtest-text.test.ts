import { expect, it } from "vitest";
import { datesAheadLine } from "../../src/cli/commands/backtest.ts";

it("counts, per yardstick, the dates where the score ranks better, leaving out dates it could not rank", () => {
  const date = (auc: number | null, bgnbd: number | null, plainLogistic: number | null) => ({
    asOf: "2026-01-01",
    rows: 100,
    churnRate: 0.2,
    auc,
    yardsticks: { daysSinceLastOrder: 0.7, rfm: 0.8, bgnbd, plainLogistic },
  });
  const perDate = [date(0.85, 0.8, null), date(0.75, 0.8, 0.7), date(0.82, 0.82, 0.9), date(null, 0.6, 0.6)];
  expect(datesAheadLine({ perDate })).toBe(
    "  dates where the score ranks better than: days since last order 3 of 3, RFM 2 of 3, BG/NBD 1 of 3, " +
      "plain logistic 1 of 2",
  );
});
