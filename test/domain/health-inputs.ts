import type { SignalInputs } from "../../src/domain/health/types.ts";

export type InputOverrides = {
  [K in keyof SignalInputs]?: SignalInputs[K] extends object ? Partial<SignalInputs[K]> : SignalInputs[K];
};

/**
 * A steady, healthy customer: on time, ordering at its usual rhythm, engaged, a promoter, no complaints.
 * Tests change only the section they are about.
 */
export function healthyInputs(overrides: InputOverrides = {}): SignalInputs {
  const base: SignalInputs = {
    asOf: "2026-06-30",
    payment: {
      recentInvoices: 4,
      recentAvgDaysLate: 0,
      baselineInvoices: 16,
      baselineAvgDaysLate: 0,
      overdueCents: 0,
      overdueInvoices: 0,
      oldestOverdueDays: null,
    },
    orders: {
      recentCount: 12,
      baselineCount: 48,
      recentRevenueCents: 1_200_000,
      baselineRevenueCents: 4_800_000,
      daysSinceLastOrder: 5,
      typicalIntervalDays: 7.6,
      daysSinceFirstOrder: 1000,
      repeatOrderDays: 130,
      firstToLastDays: 995,
      orderDays365: 60,
      revenue365Cents: 6_000_000,
      rhythm: null,
    },
    customer: { ageDays: 1100 },
    sources: { invoices: true, engagement: true, nps: true, complaints: true, pulses: true },
    engagement: {
      recentWeb: 100,
      baselineWeb: 400,
      recentNewsletter: 10,
      baselineNewsletter: 40,
      recentContact: 5,
      baselineContact: 20,
    },
    nps: { latestScore: 9, latestAnsweredOn: "2026-05-01", previousScore: 9 },
    complaints: { recentCount: 0, last60Count: 0, openCount: 0, recentHighSeverity: 0 },
    pulse: { latestScore: 8, answeredOn: "2026-06-01" },
  };
  return {
    asOf: overrides.asOf ?? base.asOf,
    payment: { ...base.payment, ...overrides.payment },
    orders: { ...base.orders, ...overrides.orders },
    engagement: { ...base.engagement, ...overrides.engagement },
    nps: { ...base.nps, ...overrides.nps },
    complaints: { ...base.complaints, ...overrides.complaints },
    pulse: { ...base.pulse, ...overrides.pulse },
    customer: { ...base.customer, ...overrides.customer },
    sources: { ...base.sources, ...overrides.sources },
  };
}
