import { describe, expect, it } from "vitest";
import { clv, expectedLifetimeYears } from "../../src/domain/kpi/clv.ts";
import { classifyNps, nps, npsFromCounts } from "../../src/domain/kpi/nps.ts";
import { averageDaysLate, changeVsBaseline, purchaseChange } from "../../src/domain/kpi/purchase.ts";
import { churnRate, retentionRate } from "../../src/domain/kpi/retention.ts";
import { atRiskWhatIf, revenueAtRiskWhatIf } from "../../src/domain/kpi/revenue-at-risk.ts";

describe("retentionRate", () => {
  it("matches the worked example: start 250, new 60, end 260 → 80 %", () => {
    expect(retentionRate({ customersAtStart: 250, newCustomers: 60, customersAtEnd: 260 })).toBe(80);
  });

  it("keeps full precision", () => {
    expect(retentionRate({ customersAtStart: 3, newCustomers: 0, customersAtEnd: 2 })).toBeCloseTo(
      66.666666,
      5,
    );
  });

  it("is unknown without customers at the start", () => {
    expect(retentionRate({ customersAtStart: 0, newCustomers: 5, customersAtEnd: 5 })).toBeNull();
  });
});

describe("churnRate", () => {
  it("is lost / at start × 100", () => {
    expect(churnRate({ lost: 15, atStart: 250 })).toBe(6);
    expect(churnRate({ lost: 0, atStart: 10 })).toBe(0);
  });

  it("is unknown without customers at the start", () => {
    expect(churnRate({ lost: 0, atStart: 0 })).toBeNull();
  });
});

describe("nps", () => {
  it("is % promoters − % detractors", () => {
    expect(nps([10, 10, 9, 3])).toBe(50);
    expect(nps([10, 9, 8, 7, 6, 0])).toBe(0);
    expect(nps([0, 1, 6])).toBe(-100);
    expect(nps([9, 10])).toBe(100);
    expect(nps([10, 8, 8])).toBeCloseTo(33.333333, 5);
  });

  it("is null without answers", () => {
    expect(nps([])).toBeNull();
  });

  it("refuses answers outside 0..10", () => {
    expect(() => nps([11])).toThrow(RangeError);
    expect(() => nps([7.5])).toThrow("integer 0..10");
  });

  it("computes the same from SQL counts", () => {
    expect(npsFromCounts({ promoters: 3, passives: 0, detractors: 1 })).toBe(50);
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});

describe("classifyNps", () => {
  it("splits 0–6, 7–8 and 9–10", () => {
    expect(classifyNps(0)).toBe("detractor");
    expect(classifyNps(6)).toBe("detractor");
    expect(classifyNps(7)).toBe("passive");
    expect(classifyNps(8)).toBe("passive");
    expect(classifyNps(9)).toBe("promoter");
    expect(classifyNps(10)).toBe("promoter");
  });
});

describe("clv", () => {
  it("is yearly revenue × margin × 1 / churn", () => {
    // € 20.000 × 0,3 × (1 / 20 %) = € 30.000
    expect(
      clv({ avgYearlyRevenue: 2_000_000, grossMargin: 0.3, yearlyChurnRate: 20, maxLifetimeYears: 10 }),
    ).toEqual({
      clv: 3_000_000,
      lifetimeYears: 5,
      lifetimeCapped: false,
    });
  });

  it("caps the lifetime when churn is 0 or very low", () => {
    expect(
      clv({ avgYearlyRevenue: 2_000_000, grossMargin: 0.3, yearlyChurnRate: 0, maxLifetimeYears: 10 }),
    ).toEqual({
      clv: 6_000_000,
      lifetimeYears: 10,
      lifetimeCapped: true,
    });
    expect(expectedLifetimeYears(5, 10)).toEqual({ lifetimeYears: 10, capped: true });
    expect(expectedLifetimeYears(10, 10)).toEqual({ lifetimeYears: 10, capped: false });
  });

  it("rounds to whole cents", () => {
    expect(
      clv({ avgYearlyRevenue: 100, grossMargin: 0.3, yearlyChurnRate: 30, maxLifetimeYears: 10 }).clv,
    ).toBe(100);
  });

  it("refuses a negative churn rate", () => {
    expect(() => expectedLifetimeYears(-1, 10)).toThrow(RangeError);
  });
});

describe("revenueAtRiskWhatIf", () => {
  it("matches the worked example: € 1.000.000 over 50 customers, 30 % → 20 % keeps € 100.000", () => {
    expect(
      revenueAtRiskWhatIf({ totalRevenue: 100_000_000, customers: 50, churnRate: 30, targetChurnRate: 20 }),
    ).toEqual({
      churnRate: 30,
      customersLost: 15,
      revenueLost: 30_000_000,
      revenuePerCustomer: 2_000_000,
      target: { churnRate: 20, customersLost: 10, revenueLost: 20_000_000, revenueKept: 10_000_000 },
    });
  });

  it("works without a target and keeps fractional customers", () => {
    const result = revenueAtRiskWhatIf({ totalRevenue: 100_000_000, customers: 50, churnRate: 33 });
    expect(result).toEqual({
      churnRate: 33,
      customersLost: 16.5,
      revenueLost: 33_000_000,
      revenuePerCustomer: 2_000_000,
    });
  });

  it("has no revenue per customer without customers", () => {
    expect(
      revenueAtRiskWhatIf({ totalRevenue: 0, customers: 0, churnRate: 10 }).revenuePerCustomer,
    ).toBeNull();
  });
});

describe("changeVsBaseline", () => {
  it("scales the baseline to the recent window: 73 a year is 18 per 90 days", () => {
    expect(changeVsBaseline({ recent: 9, baseline: 73, recentDays: 90, baselineDays: 365 })).toBeCloseTo(
      -50,
      10,
    );
    expect(changeVsBaseline({ recent: 18, baseline: 73, recentDays: 90, baselineDays: 365 })).toBeCloseTo(
      0,
      10,
    );
  });

  it("is null without a baseline", () => {
    expect(changeVsBaseline({ recent: 5, baseline: 0, recentDays: 90, baselineDays: 365 })).toBeNull();
  });
});

describe("purchaseChange", () => {
  it("compares orders and revenue per customer per day", () => {
    const result = purchaseChange(
      { orders: 30, revenue: 3_000_000, customers: 10, days: 90 },
      { orders: 146, revenue: 14_600_000, customers: 10, days: 365 },
    );
    // baseline: 14.6 orders and € 1.460 per customer per 365 days → 3.6 and € 360 per 90 days
    expect(result.ordersPerCustomer).toBe(3);
    expect(result.revenuePerCustomer).toBe(300_000);
    expect(result.frequencyChange).toBeCloseTo(-16.6667, 3);
    expect(result.volumeChange).toBeCloseTo(-16.6667, 3);
  });

  it("is null where there is nothing to divide by", () => {
    expect(
      purchaseChange(
        { orders: 0, revenue: 0, customers: 0, days: 90 },
        { orders: 0, revenue: 0, customers: 5, days: 365 },
      ),
    ).toEqual({
      ordersPerCustomer: null,
      revenuePerCustomer: null,
      frequencyChange: null,
      volumeChange: null,
    });
  });
});

describe("averageDaysLate", () => {
  it("averages days after due date; early is 0, unpaid counts up to asOf, not yet due is left out", () => {
    const invoices = [
      { dueDate: "2026-06-01", paidDate: "2026-06-11" }, // 10
      { dueDate: "2026-06-10", paidDate: "2026-06-05" }, // early: 0
      { dueDate: "2026-06-20", paidDate: null }, // unpaid: 10 by 2026-06-30
      { dueDate: "2026-06-25", paidDate: "2026-07-05" }, // paid after asOf: 5 by 2026-06-30
      { dueDate: "2026-07-15", paidDate: null }, // not due yet
    ];
    expect(averageDaysLate(invoices, "2026-06-30")).toBe(25 / 4);
  });

  it("is null without invoices due", () => {
    expect(averageDaysLate([], "2026-06-30")).toBeNull();
    expect(averageDaysLate([{ dueDate: "2026-07-01", paidDate: null }], "2026-06-30")).toBeNull();
  });
});

describe("atRiskWhatIf", () => {
  it("keeps € 100.000 when churn among the at-risk customers falls from 30 % to 20 % (worked example)", () => {
    // €1,000,000 over 50 at-risk customers: 30 % loses €300,000, 20 % loses €200,000.
    expect(atRiskWhatIf({ revenueAtRisk: 100_000_000, customers: 50, churnProbability: 0.3 })).toEqual({
      fromRate: 30,
      toRate: 20,
      revenueKept: 10_000_000,
    });
  });

  it("does not go below 0 % and says nothing without at-risk customers", () => {
    expect(atRiskWhatIf({ revenueAtRisk: 1_000_000, customers: 2, churnProbability: 0.06 })).toEqual({
      fromRate: 6,
      toRate: 0,
      revenueKept: 60_000,
    });
    expect(atRiskWhatIf({ revenueAtRisk: 0, customers: 0, churnProbability: 0.5 })).toBeNull();
  });
});
