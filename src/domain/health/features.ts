/**
 * The features the calibrated model weighs: plain numbers derived from the same inputs the signals
 * explain, each belonging to one signal so its log-odds contribution shows as that signal's points.
 *
 * Missing data is neutral (0 after the transformation) with a flag where the absence itself is evidence
 * (no NPS answer while others answer). A source the company never delivered is 0 for everyone, so the
 * fit gives it no weight.
 */

import type { HealthSettings } from "./settings.ts";
import { worseThanHabit } from "./signals/payment.ts";
import { ownBaselineDays } from "./signals/shared.ts";
import { logit } from "./special-functions.ts";
import type { SignalInputs, SignalKey } from "./types.ts";

export const featureSignals = {
  "rhythm.logitOrder": "recency",
  "rhythm.logDaysSinceLast": "recency",
  "rhythm.oneTimeBuyer": "recency",
  "rhythm.neverOrdered": "recency",
  "rhythm.logTenure": "recency",
  "frequency.logOrderDays365": "frequency",
  "frequency.change": "frequency",
  "volume.logRevenue365": "volume",
  "volume.change": "volume",
  "payment.worseThanHabit": "payment",
  "payment.daysLate": "payment",
  "payment.overdueShare": "payment",
  "payment.logOverdueAge": "payment",
  "engagement.change": "engagement",
  "engagement.logRecent": "engagement",
  "nps.score": "nps",
  "nps.noAnswer": "nps",
  "complaints.recent": "complaints",
  "complaints.open": "complaints",
  "complaints.severe": "complaints",
  "pulse.score": "pulse",
  "pulse.noAnswer": "pulse",
} as const satisfies Record<string, SignalKey>;

export type FeatureName = keyof typeof featureSignals;
export const featureNames = Object.keys(featureSignals) as FeatureName[];

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const logRatio = (recent: number, expected: number, smoothing: number) =>
  clamp(Math.log((recent + smoothing) / (expected + smoothing)), -4, 4);

/** Each feature's position in the vector (the order of `featureNames`). */
export const featureIndex = Object.fromEntries(featureNames.map((name, index) => [name, index])) as Record<
  FeatureName,
  number
>;

/**
 * The feature vector of one customer, in the order of `featureNames`. Missing data stays 0. Written
 * straight into the vector by position: a record of named values turned into a vector afterwards was
 * a third of the scoring time per customer at 20k customers.
 */
export function extractFeatures(inputs: SignalInputs, settings: HealthSettings): Float64Array {
  const { orders, payment, engagement, nps, complaints, pulse, sources } = inputs;
  const at = featureIndex;
  const values = new Float64Array(featureNames.length);
  values[at["rhythm.logitOrder"]] = orders.rhythm ? clamp(logit(orders.rhythm.pOrder), -8, 8) : 0;
  values[at["rhythm.logDaysSinceLast"]] = Math.log1p(orders.daysSinceLastOrder ?? inputs.customer.ageDays);
  values[at["rhythm.oneTimeBuyer"]] =
    orders.daysSinceFirstOrder !== null && orders.repeatOrderDays === 0 ? 1 : 0;
  values[at["rhythm.neverOrdered"]] = orders.daysSinceFirstOrder === null ? 1 : 0;
  values[at["rhythm.logTenure"]] = Math.log1p(
    Math.max(inputs.customer.ageDays, orders.daysSinceFirstOrder ?? 0),
  );
  values[at["frequency.logOrderDays365"]] = Math.log1p(orders.orderDays365);
  values[at["volume.logRevenue365"]] = Math.log1p(Math.max(0, orders.revenue365Cents) / 100);
  const baselineDays = ownBaselineDays(inputs, settings);
  if (baselineDays !== null && orders.baselineCount > 0) {
    const scale = settings.recentWindowDays / baselineDays;
    values[at["frequency.change"]] = logRatio(orders.recentCount, orders.baselineCount * scale, 0.5);
    const averageOrder = orders.baselineRevenueCents / orders.baselineCount;
    values[at["volume.change"]] = logRatio(
      Math.max(0, orders.recentRevenueCents),
      Math.max(0, orders.baselineRevenueCents) * scale,
      Math.max(averageOrder, 1),
    );
  }
  if (sources.invoices) {
    if (payment.recentAvgDaysLate !== null && payment.recentInvoices > 0) {
      values[at["payment.worseThanHabit"]] = clamp(worseThanHabit(payment, 30), -30, 90) / 10;
      values[at["payment.daysLate"]] = clamp(payment.recentAvgDaysLate, 0, 120) / 10;
    }
    if (payment.overdueCents > 0) {
      values[at["payment.overdueShare"]] = clamp(
        payment.overdueCents / Math.max(orders.revenue365Cents, 1),
        0,
        2,
      );
      values[at["payment.logOverdueAge"]] = Math.log1p(payment.oldestOverdueDays ?? 0);
    }
  }
  if (sources.engagement) {
    const recent = engagement.recentWeb + engagement.recentNewsletter + engagement.recentContact;
    const baseline = engagement.baselineWeb + engagement.baselineNewsletter + engagement.baselineContact;
    const expected = (baseline * settings.recentWindowDays) / settings.baselineWindowDays;
    values[at["engagement.change"]] = baseline > 0 ? logRatio(recent, expected, 1) : 0;
    values[at["engagement.logRecent"]] = Math.log1p(recent);
  }
  if (sources.nps) {
    if (nps.latestScore === null) values[at["nps.noAnswer"]] = 1;
    else values[at["nps.score"]] = nps.latestScore - 7;
  }
  if (sources.complaints) {
    values[at["complaints.recent"]] = Math.min(complaints.recentCount, 5);
    values[at["complaints.open"]] = Math.min(complaints.openCount, 5);
    values[at["complaints.severe"]] = Math.min(complaints.recentHighSeverity, 5);
  }
  if (sources.pulses) {
    if (pulse.latestScore === null) values[at["pulse.noAnswer"]] = 1;
    else values[at["pulse.score"]] = pulse.latestScore - 6;
  }
  return values;
}
