import { isoDateIn } from "../clock.ts";
import { saveOwnerPulse } from "../db/queries/owner-pulses.ts";
import { refreshCustomerAlerts } from "./alerts/refresh-customer-alerts.ts";
import type { ServiceContext } from "./context.ts";
import { scoreCustomers } from "./score-customers.ts";

/**
 * Store an owner's estimate for a customer (0–10 with an optional comment) and its audit event in
 * one transaction. A scheduled pulse (with `pulseId`) is answered in place; an ad-hoc one is new.
 * Then the customer is rescored for today, so the card, the risk list and App Home show the score
 * with the pulse in it the moment it is saved (not after the next daily run).
 */
export async function recordOwnerPulse(options: {
  ctx: ServiceContext;
  customerId: number;
  userId: number;
  score: number;
  comment: string;
  pulseId?: number;
}): Promise<{ pulseId: number }> {
  const { ctx, customerId, userId, score, comment } = options;
  const now = ctx.clock.now();
  const saved = await saveOwnerPulse(ctx.db.sql, {
    customerId,
    userId,
    score,
    comment,
    at: now,
    ...(options.pulseId ? { pulseId: options.pulseId } : {}),
  });
  if (!saved) throw new Error(`Pulse ${options.pulseId} for customer ${customerId} not found`);
  await rescoreCustomer(ctx, customerId);
  return saved;
}

/**
 * Today's snapshot of one customer, recomputed by the scoring service (an upsert of that day), and its
 * alerts with it: the alert DM and the card's alert block show the same score as the card.
 */
export async function rescoreCustomer(ctx: ServiceContext, customerId: number): Promise<void> {
  const asOf = isoDateIn(ctx.clock.now(), ctx.timezone);
  await scoreCustomers({ ctx, asOf, customerIds: [customerId] });
  await refreshCustomerAlerts({ ctx, asOf, customerIds: [customerId], updateMessages: true });
}
