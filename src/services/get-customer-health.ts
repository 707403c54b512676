import { AppError } from "../app-error.ts";
import { isoDateIn } from "../clock.ts";
import { type CustomerFacts, queryCustomerFacts } from "../db/queries/customer-facts.ts";
import { type CustomerSummary, getCustomerById } from "../db/queries/customers.ts";
import { addDays } from "../domain/dates.ts";
import type { HealthResult } from "../domain/health/types.ts";
import { noTrend, scoreTrend } from "../domain/trend.ts";
import type { AlertCardView } from "../views/alert-card.ts";
import { loadAlertCards } from "./alerts/load-alert-cards.ts";
import type { ServiceContext } from "./context.ts";
import type { CustomerStanding } from "./health-model/book-at.ts";
import { type LiveHealth, scoreLive } from "./health-model/score-live.ts";

export interface CustomerHealth extends CustomerFacts {
  customer: CustomerSummary;
  asOf: string;
  health: HealthResult;
  /** The date the shown score is of: the latest snapshot's date, or `asOf` when computed live. */
  scoredOn: string;
  /** Active (scored), or churned: the ERP says so, or silent past the churn rule (then `health` only explains). */
  standing: CustomerStanding;
  /** The churn rule (days without an order) and the model's horizon, for the card's wording. */
  churnAfterDays: number;
  horizonDays: number;
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

  const [current, facts, alertCards] = await Promise.all([
    scoreOne(ctx, customerId, asOf),
    queryCustomerFacts(ctx.db.sql, { customerId, asOf, historyDays: HISTORY_DAYS }),
    loadAlertCards(ctx.db.sql, { liveForCustomers: [customerId], asOf }),
  ]);
  const standing = current?.standing ?? "active";
  const model = {
    standing,
    churnAfterDays: ctx.settings.health.churnAfterDays,
    horizonDays: ctx.settings.health.calibration.horizonDays,
  };
  const snapshot = facts.latestSnapshot;
  if (snapshot && standing === "active") {
    const trend = scoreTrend({ date: snapshot.asOf, score: snapshot.score }, facts.trendBase);
    return {
      customer,
      asOf,
      // The stored snapshot is what the list, alerts and Home show; the model facts come with it.
      health: {
        ...(current?.health ?? fallbackHealth(snapshot.score)),
        score: snapshot.score,
        band: snapshot.band,
        confidence: snapshot.confidence,
        signals: snapshot.signals,
        ...(snapshot.churnProbability !== null ? { churnProbability: snapshot.churnProbability } : {}),
      },
      scoredOn: snapshot.asOf,
      ...model,
      trend: trend.delta,
      trendSince: trend.since,
      ...facts,
      alertCard: alertCards[0] ?? null,
    };
  }
  // Never scored (just imported) or churned: compute it now. A churned customer has no score; its last
  // active day still explains what happened.
  const scoredOn = standing === "churned-erp" && customer.churnedAt ? addDays(customer.churnedAt, -1) : asOf;
  const health = scoredOn === asOf ? current?.health : (await scoreOne(ctx, customerId, scoredOn))?.health;
  if (!health) throw new AppError("NOT_FOUND", `Customer ${customerId} has no data as of ${asOf}`);
  return {
    customer,
    asOf,
    health,
    scoredOn,
    ...model,
    trend: noTrend.delta,
    trendSince: noTrend.since,
    ...facts,
    alertCard: alertCards[0] ?? null,
  };
}

/** One customer's health on a date with the book's models of that date; null when it did not exist yet. */
async function scoreOne(ctx: ServiceContext, customerId: number, asOf: string): Promise<LiveHealth | null> {
  return (await scoreLive(ctx, asOf, [customerId])).get(customerId) ?? null;
}

/** A snapshot written before the model facts were stored: read it as the configured-weights model. */
function fallbackHealth(score: number): Pick<HealthResult, "churnProbability" | "baseScore" | "model"> {
  return { churnProbability: 1 - score / 100, baseScore: 100, model: "weights" };
}
