/**
 * Customer lifetime value = average yearly revenue per customer × gross margin × expected lifetime,
 * with expected lifetime = 1 / yearly churn rate.
 *
 * Churn 0 would make the lifetime infinite, and a churn of 1 % would claim a 100-year customer; both
 * are capped at `maxLifetimeYears` (settings: clvMaxLifetimeYears, default 10) so CLV stays a number
 * a person can act on. `lifetimeCapped` says when that happened, so a card can show "≥".
 */
export interface ClvInput {
  /** Cents per customer per year. */
  avgYearlyRevenue: number;
  /** Fraction: 0.3 = 30 %. */
  grossMargin: number;
  /** Percentage: 20 = 20 % of customers lost per year (what churnRate returns). */
  yearlyChurnRate: number;
  maxLifetimeYears: number;
}

export interface ClvResult {
  /** Cents, rounded to a whole cent. */
  clv: number;
  lifetimeYears: number;
  lifetimeCapped: boolean;
}

export function clv(input: ClvInput): ClvResult {
  const { lifetimeYears, capped } = expectedLifetimeYears(input.yearlyChurnRate, input.maxLifetimeYears);
  return {
    clv: Math.round(input.avgYearlyRevenue * input.grossMargin * lifetimeYears),
    lifetimeYears,
    lifetimeCapped: capped,
  };
}

/** 1 / churn in years (churn as a percentage), capped at `maxYears`; churn 0 gives the cap. */
export function expectedLifetimeYears(
  yearlyChurnRate: number,
  maxYears: number,
): { lifetimeYears: number; capped: boolean } {
  if (yearlyChurnRate < 0) throw new RangeError(`Churn rate cannot be negative, got ${yearlyChurnRate}`);
  const uncapped = yearlyChurnRate === 0 ? Number.POSITIVE_INFINITY : 100 / yearlyChurnRate;
  return uncapped > maxYears
    ? { lifetimeYears: maxYears, capped: true }
    : { lifetimeYears: uncapped, capped: false };
}
