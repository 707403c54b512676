import { AppError } from "../app-error.ts";
import { isoDateIn } from "../clock.ts";
import { type CustomerFacts, queryCustomerFacts } from "../db/queries/customer-facts.ts";
import { type CustomerSummary, getCustomerById } from "../db/queries/customers.ts";
import { querySignalInputs } from "../db/queries/signal-inputs.ts";
import { addDays } from "../domain/dates.ts";
import { scoreHealth } from "../domain/health/score.ts";
import type { HealthResult } from "../domain/health/types.ts";
import { noTrend, scoreTrend } from "../domain/trend.ts";
import type { AlertCardView } from "../views/alert-card.ts";
import { loadAlertCards } from "./alerts/alert-cards.ts";
import type { ServiceContext } from "./context.ts";

export interface CustomerHealth extends CustomerFacts {
  customer: CustomerSummary;
  asOf: string;
  health: HealthResult;
  /** The date the shown score is of: the latest snapshot's date, or `asOf` when computed live. */
  scoredOn: string;
  /** Score now minus the score 30 days before (src/domain/trend.ts); null without that history. */
  trend: number | null;
  /** The date of the snapshot the trend compares with. */
  trendSince: string | null;
  /** The customer's live alerts with their state, for the card's alert block and buttons; null without any. */
  alertCard?: AlertCardView | null;
}

const HISTORY_DAYS = 91;

/**
 * A customer's health as of today (or `asOf`): the latest stored snapshot, the same figure the risk
 * list, App Home, alerts and digest show (a pulse or an import rescores the customer at once, so it is
 * current). Only a customer that was never scored is computed live, without a trend.
 */
export async function getCustomerHealth(options: {
  ctx: ServiceContext;
  customerId: number;
  asOf?: string;
}): Promise<CustomerHealth> {
  const { ctx, customerId } = options;
  const asOf = options.asOf ?? isoDateIn(ctx.clock.now(), ctx.timezone);
  const customer = await getCustomerById(ctx.db.sql, customerId);
  if (!customer) throw new AppError("NOT_FOUND", `Customer ${customerId} does not exist`);

  const [facts, alertCards] = await Promise.all([
    queryCustomerFacts(ctx.db.sql, { customerId, asOf, historyDays: HISTORY_DAYS }),
    loadAlertCards(ctx.db.sql, { liveForCustomers: [customerId], asOf }),
  ]);
  const snapshot = facts.latestSnapshot;
  if (snapshot) {
    const trend = scoreTrend({ date: snapshot.asOf, score: snapshot.score }, facts.trendBase);
    return {
      customer,
      asOf,
      health: {
        score: snapshot.score,
        band: snapshot.band,
        confidence: snapshot.confidence,
        signals: snapshot.signals,
      },
      scoredOn: snapshot.asOf,
      trend: trend.delta,
      trendSince: trend.since,
      ...facts,
      alertCard: alertCards[0] ?? null,
    };
  }
  // Never scored (just imported, or churned before any scoring): compute it now; a churned
  // customer is not in the active set, so its last active day is scored.
  const scoredOn = customer.churnedAt && customer.churnedAt <= asOf ? addDays(customer.churnedAt, -1) : asOf;
  const health = await scoreOne(ctx, customerId, scoredOn);
  if (!health) throw new AppError("NOT_FOUND", `Customer ${customerId} has no data as of ${asOf}`);
  return {
    customer,
    asOf,
    health,
    scoredOn,
    trend: noTrend.delta,
    trendSince: noTrend.since,
    ...facts,
    alertCard: alertCards[0] ?? null,
  };
}

async function scoreOne(ctx: ServiceContext, customerId: number, asOf: string): Promise<HealthResult | null> {
  const [row] = await querySignalInputs(ctx.db.sql, {
    asOf,
    recentDays: ctx.settings.recentWindowDays,
    baselineDays: ctx.settings.baselineWindowDays,
    pulseMaxAgeDays: ctx.settings.pulseMaxAgeDays,
    customerIds: [customerId],
  });
  return row ? scoreHealth(row.inputs, ctx.settings) : null;
}
