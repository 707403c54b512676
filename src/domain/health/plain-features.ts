/**
 * The yardstick a data analyst builds first: a logistic regression on plain columns of every source,
 * with no engineering (no fitted purchase rhythm, no comparison with the customer's own habit, no
 * transformation beyond a log for amounts). The backtest fits it on the same past dates as the
 * calibration and ranks the same rows with it, so "the score beats a plain model on all signals" is a
 * figure on the user's own data, not a claim.
 *
 * Missing values are 0 with a flag (no orders yet, no NPS answer), as an analyst would code them.
 */
import type { SignalInputs } from "./types.ts";

export const plainFeatureNames = [
  "daysSinceLastOrder",
  "noOrder",
  "daysSinceFirstOrder",
  "orderDays365",
  "ordersRecent",
  "logRevenue365",
  "avgDaysLateRecent",
  "overdueInvoices",
  "logOverdueAmount",
  "complaintsRecent",
  "complaintsOpen",
  "npsLatest",
  "npsMissing",
  "engagementRecent",
  "engagementBaseline",
  "customerAgeDays",
] as const;

export function plainFeatures(inputs: SignalInputs): Float64Array {
  const { orders, payment, complaints, nps, engagement } = inputs;
  return Float64Array.from([
    orders.daysSinceLastOrder ?? 0,
    orders.daysSinceLastOrder === null ? 1 : 0,
    orders.daysSinceFirstOrder ?? 0,
    orders.orderDays365,
    orders.recentCount,
    Math.log1p(Math.max(0, orders.revenue365Cents) / 100),
    payment.recentAvgDaysLate ?? 0,
    payment.overdueInvoices,
    Math.log1p(Math.max(0, payment.overdueCents) / 100),
    complaints.recentCount,
    complaints.openCount,
    nps.latestScore ?? 0,
    nps.latestScore === null ? 1 : 0,
    engagement.recentWeb + engagement.recentNewsletter + engagement.recentContact,
    engagement.baselineWeb + engagement.baselineNewsletter + engagement.baselineContact,
    inputs.customer.ageDays,
  ]);
}
