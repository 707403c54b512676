import { describe, expect, it } from "vitest";
import { plainFeatureNames, plainFeatures } from "../../src/domain/health/plain-features.ts";
import type { SignalInputs } from "../../src/domain/health/types.ts";

function inputs(overrides: { orders?: Partial<SignalInputs["orders"]>; nps?: Partial<SignalInputs["nps"]> }) {
  return {
    asOf: "2026-06-30",
    payment: {
      recentInvoices: 2,
      recentAvgDaysLate: null,
      baselineInvoices: 8,
      baselineAvgDaysLate: 3,
      overdueCents: 12_345_00,
      overdueInvoices: 1,
      oldestOverdueDays: 40,
    },
    orders: {
      recentCount: 3,
      baselineCount: 10,
      recentRevenueCents: 300_00,
      baselineRevenueCents: 1_000_00,
      daysSinceLastOrder: 12,
      typicalIntervalDays: 30,
      daysSinceFirstOrder: 700,
      repeatOrderDays: 20,
      firstToLastDays: 688,
      orderDays365: 12,
      revenue365Cents: 1_300_00,
      rhythm: null,
      ...overrides.orders,
    },
    customer: { ageDays: 900 },
    sources: { invoices: true, engagement: true, nps: true, complaints: true, pulses: false },
    engagement: {
      recentWeb: 4,
      baselineWeb: 20,
      recentNewsletter: 1,
      baselineNewsletter: 6,
      recentContact: 0,
      baselineContact: 2,
    },
    nps: { latestScore: null, latestAnsweredOn: null, previousScore: null, ...overrides.nps },
    complaints: { recentCount: 2, last60Count: 1, openCount: 1, recentHighSeverity: 0 },
    pulse: { latestScore: null, answeredOn: null },
  } as SignalInputs;
}

describe("the plain yardstick's columns", () => {
  it("takes every source as it is, amounts on a log scale", () => {
    const row = plainFeatures(inputs({ nps: { latestScore: 9 } }));
    const named = Object.fromEntries(plainFeatureNames.map((name, i) => [name, row[i]]));
    expect(row).toHaveLength(plainFeatureNames.length);
    expect(named).toMatchObject({
      daysSinceLastOrder: 12,
      noOrder: 0,
      orderDays365: 12,
      overdueInvoices: 1,
      complaintsRecent: 2,
      npsLatest: 9,
      npsMissing: 0,
      engagementRecent: 5,
      engagementBaseline: 28,
    });
    expect(named.logOverdueAmount).toBeCloseTo(Math.log1p(12_345), 9);
    expect(named.avgDaysLateRecent).toBe(0);
  });

  it("codes what is missing as 0 with a flag, as an analyst would", () => {
    const row = plainFeatures(inputs({ orders: { daysSinceLastOrder: null, daysSinceFirstOrder: null } }));
    const at = (name: (typeof plainFeatureNames)[number]) => row[plainFeatureNames.indexOf(name)];
    expect([at("daysSinceLastOrder"), at("noOrder"), at("npsLatest"), at("npsMissing")]).toEqual([
      0, 1, 0, 1,
    ]);
  });
});
