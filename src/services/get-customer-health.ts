import { AppError } from "../app-error.ts";
import { isoDateIn } from "../clock.ts";
import { type CustomerFacts, queryCustomerFacts } from "../db/queries/customer-facts.ts";
import { type CustomerSummary, getCustomerById } from "../db/queries/customers.ts";
import { querySignalInputs } from "../db/queries/signal-inputs.ts";
import { addDays } from "../domain/dates.ts";
import { scoreHealth } from "../domain/health/score.ts";
import type { HealthResult } from "../domain/health/types.ts";
import type { AlertCardView } from "../views/alert-card.ts";
import { loadAlertCards } from "./alerts/alert-cards.ts";
import type { ServiceContext } from "./context.ts";

export interface CustomerHealth extends CustomerFacts {
  customer: CustomerSummary;
  asOf: string;
  health: HealthResult;
  /** Score now minus the score 30 days ago (the daily snapshot of that day, else computed now); null without data then. */
  trend: number | null;
  /** The customer's live alerts with their state, for the card's alert block and buttons; null without any. */
  alertCard?: AlertCardView | null;
}

const TREND_DAYS = 30;
const HISTORY_DAYS = 91;

/**
 * A customer's health as of today (or `asOf`), computed live from the data rather than read from the
 * last snapshot, so a card is never stale after an import; history comes from the daily snapshots.
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

  const [now, facts, alertCards] = await Promise.all([
    scoreOne(ctx, customerId, asOf),
    queryCustomerFacts(ctx.db.sql, { customerId, asOf, historyDays: HISTORY_DAYS, trendDays: TREND_DAYS }),
    loadAlertCards(ctx.db.sql, { liveForCustomers: [customerId], asOf }),
  ]);
  // The daily run normally stored that day's score; compute it only when it did not (first days, demo history).
  const before =
    facts.snapshotScoreBefore ??
    (await scoreOne(ctx, customerId, addDays(asOf, -TREND_DAYS)).then((r) =>
      r && r.confidence > 0 ? r.score : null,
    ));
  // A churned customer is not in the active set; score its last active day so the card still explains.
  const health =
    now ?? (customer.churnedAt ? await scoreOne(ctx, customerId, addDays(customer.churnedAt, -1)) : null);
  if (!health) throw new AppError("NOT_FOUND", `Customer ${customerId} has no data as of ${asOf}`);
  return {
    customer,
    asOf,
    health,
    trend: now && before !== null ? now.score - before : null,
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
