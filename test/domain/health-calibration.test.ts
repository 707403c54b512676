import { describe, expect, it } from "vitest";
import { bandThresholds } from "../../src/domain/health/calibration.ts";

describe("bandThresholds", () => {
  it("puts 'healthy' at the book's churn rate and 'at risk' at the 50 % floor on a book where few leave", () => {
    expect(bandThresholds(0.1)).toEqual({ healthyAtMost: 0.1, atRiskFrom: 0.5 });
    expect(bandThresholds(0.25)).toEqual({ healthyAtMost: 0.25, atRiskFrom: 0.5 });
  });

  it("asks twice the typical odds of churning, so the at-risk band stays reachable where many leave", () => {
    // 40 % churn: odds 2:3, twice that 4:3, i.e. 4/7 ≈ 57 % (twice the rate would ask 80 %).
    const { healthyAtMost, atRiskFrom } = bandThresholds(0.4);
    expect(healthyAtMost).toBe(0.4);
    expect(atRiskFrom).toBeCloseTo(4 / 7, 12);
    expect(bandThresholds(0.6).atRiskFrom).toBeCloseTo(0.75, 12);
  });

  it("keeps the bands strictly apart and 'at risk' at most 90 %", () => {
    for (const rate of [0.01, 0.2, 0.33, 0.5, 0.7, 0.85, 0.95]) {
      const { healthyAtMost, atRiskFrom } = bandThresholds(rate);
      expect(atRiskFrom).toBeLessThanOrEqual(0.9);
      expect(atRiskFrom).toBeGreaterThanOrEqual(0.5);
      expect(healthyAtMost).toBeLessThan(atRiskFrom);
    }
  });
});
