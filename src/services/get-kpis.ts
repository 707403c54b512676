import { queryKpiCounts } from "../db/queries/kpi-counts.ts";
import { queryRevenueAtRisk } from "../db/queries/risk-list.ts";
import { addDays } from "../domain/dates.ts";
import { clv } from "../domain/kpi/clv.ts";
import { npsFromCounts } from "../domain/kpi/nps.ts";
import { churnRate, retentionRate } from "../domain/kpi/retention.ts";
import { type AtRiskWhatIf, atRiskWhatIf } from "../domain/kpi/revenue-at-risk.ts";
import type { ServiceContext } from "./context.ts";

export interface KpiReport {
  from: string;
  to: string;
  segment: string | null;
  customersAtStart: number;
  newCustomers: number;
  lostCustomers: number;
  customersAtEnd: number;
  /** Percentages with full precision; null when there is nothing to divide by. */
  retentionRate: number | null;
  churnRate: number | null;
  nps: number | null;
  npsAnswers: number;
  /** Cents. */
  clv: number | null;
  clvLifetimeCapped: boolean;
  revenue: number;
  /** Cents; null when no scores exist from the week up to `to` (no score history back then). */
  revenueAtRisk: number | null;
  atRiskCustomers: number | null;
  /** The date of the scores revenue at risk is based on. */
  revenueAtRiskScoredOn: string | null;
  /** Σ trailing revenue × P(churn) over all scored customers: what is expected to leave. */
  expectedLoss: number | null;
  /** "If churn among the at-risk customers falls 10 points, this much revenue stays." */
  whatIf: AtRiskWhatIf | null;
  /** Purchase frequency and volume: orders and order revenue (cents) per customer active at the end. */
  ordersPerCustomer: number | null;
  orderRevenuePerCustomer: number | null;
}

const SCORES_FRESH_DAYS = 7;

/**
 * Retention KPIs over [from, to] (inclusive), optionally for one segment. CLV uses the trailing year
 * ending `to` for both revenue per customer and churn; revenue at risk uses each customer's latest
 * snapshot on or before `to`.
 */
export async function getKpis(options: {
  ctx: ServiceContext;
  from: string;
  to: string;
  segment?: string | undefined;
}): Promise<KpiReport> {
  const { ctx, from, to, segment } = options;
  const churnAfterDays = ctx.settings.health.churnAfterDays;
  const yearFrom = addDays(to, -364);
  const [period, year, atRisk] = await Promise.all([
    queryKpiCounts(ctx.db.sql, { from, to, segment, churnAfterDays }),
    from === yearFrom ? null : queryKpiCounts(ctx.db.sql, { from: yearFrom, to, segment, churnAfterDays }),
    queryRevenueAtRisk(ctx.db.sql, { asOf: to, segment }),
  ]);
  // Scores older than a week before `to` are not that day's risk: say "—" rather than guess.
  const atRiskKnown =
    atRisk.latestScoredOn !== null && atRisk.latestScoredOn >= addDays(to, -SCORES_FRESH_DAYS);
  const trailingYear = year ?? period;
  const yearlyChurn = churnRate({ lost: trailingYear.lostCustomers, atStart: trailingYear.customersAtStart });
  const averageCustomers = (trailingYear.customersAtStart + trailingYear.customersAtEnd) / 2;
  const lifetimeValue =
    yearlyChurn === null || averageCustomers === 0
      ? null
      : clv({
          avgYearlyRevenue: trailingYear.revenueCents / averageCustomers,
          grossMargin: ctx.settings.health.grossMargin,
          yearlyChurnRate: yearlyChurn,
          maxLifetimeYears: ctx.settings.health.clvMaxLifetimeYears,
        });
  const answers = period.npsScores.promoters + period.npsScores.passives + period.npsScores.detractors;
  return {
    from,
    to,
    segment: segment ?? null,
    customersAtStart: period.customersAtStart,
    newCustomers: period.newCustomers,
    lostCustomers: period.lostCustomers,
    customersAtEnd: period.customersAtEnd,
    retentionRate: retentionRate(period),
    churnRate: churnRate({ lost: period.lostCustomers, atStart: period.customersAtStart }),
    nps: npsFromCounts(period.npsScores),
    npsAnswers: answers,
    clv: lifetimeValue?.clv ?? null,
    clvLifetimeCapped: lifetimeValue?.lifetimeCapped ?? false,
    revenue: period.revenueCents,
    revenueAtRisk: atRiskKnown ? atRisk.cents : null,
    atRiskCustomers: atRiskKnown ? atRisk.customers : null,
    revenueAtRiskScoredOn: atRiskKnown ? atRisk.latestScoredOn : null,
    expectedLoss: atRiskKnown ? atRisk.expectedLossCents : null,
    whatIf:
      atRiskKnown && atRisk.atRiskChurnProbability !== null
        ? atRiskWhatIf({
            revenueAtRisk: atRisk.cents,
            customers: atRisk.customers,
            churnProbability: atRisk.atRiskChurnProbability,
          })
        : null,
    ordersPerCustomer: period.customersAtEnd > 0 ? period.orders / period.customersAtEnd : null,
    orderRevenuePerCustomer:
      period.customersAtEnd > 0 ? period.orderRevenueCents / period.customersAtEnd : null,
  };
}
