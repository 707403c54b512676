import { describe, expect, it } from "vitest";
import { plainFeatureNames, plainFeatures } from "../../src/domain/health/plain-features.ts";
import { healthyInputs } from "./health-inputs.ts";

describe("the plain yardstick's columns", () => {
  it("takes every source as it is, amounts on a log scale", () => {
    const row = plainFeatures(
      healthyInputs({
        payment: { recentAvgDaysLate: null, overdueInvoices: 1, overdueCents: 1_234_500 },
        complaints: { recentCount: 2 },
      }),
    );
    const named = Object.fromEntries(plainFeatureNames.map((name, i) => [name, row[i]]));
    expect(row).toHaveLength(plainFeatureNames.length);
    expect(named).toMatchObject({
      daysSinceLastOrder: 5,
      noOrder: 0,
      orderDays365: 60,
      ordersRecent: 12,
      avgDaysLateRecent: 0,
      overdueInvoices: 1,
      complaintsRecent: 2,
      npsLatest: 9,
      npsMissing: 0,
      engagementRecent: 115,
      engagementBaseline: 460,
      customerAgeDays: 1100,
    });
    expect(named.logOverdueAmount).toBeCloseTo(Math.log1p(12_345), 9);
    expect(named.logRevenue365).toBeCloseTo(Math.log1p(60_000), 9);
  });

  it("codes what is missing as 0 with a flag, as an analyst would", () => {
    const row = plainFeatures(
      healthyInputs({
        orders: { daysSinceLastOrder: null, daysSinceFirstOrder: null },
        nps: { latestScore: null },
      }),
    );
    const at = (name: (typeof plainFeatureNames)[number]) => row[plainFeatureNames.indexOf(name)];
    expect([at("daysSinceLastOrder"), at("noOrder"), at("npsLatest"), at("npsMissing")]).toEqual([
      0, 1, 0, 1,
    ]);
  });
});
