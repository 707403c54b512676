import { describe, expect, it } from "vitest";
import { auc, deciles, median, quintiles } from "../../src/domain/health/backtest-metrics.ts";

describe("backtest metrics", () => {
  it("AUC is 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties", () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // One of four churner/stayer pairs is misordered: 3/4.
    expect(auc([0.1, 0.6, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.1, 0.2], [0, 0])).toBeNull();
  });

  it("puts values in quintiles 1..5 and ties in one quintile", () => {
    expect(Array.from(quintiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(new Set(quintiles([3, 3, 3, 3])).size).toBe(1);
  });

  it("reports churn per decile of risk", () => {
    const risk = Array.from({ length: 100 }, (_, i) => i / 100);
    const labels = risk.map((r) => (r >= 0.9 ? 1 : 0));
    const table = deciles(risk, labels);
    expect(table).toHaveLength(10);
    expect(table[9]!.churnRate).toBe(1);
    expect(table[0]!.churnRate).toBe(0);
  });

  it("takes the median of odd and even lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
