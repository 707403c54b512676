import { isoDateIn } from "../clock.ts";
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
  const saved = await ctx.db.sql.transaction(async (tx) => {
    const [row] = options.pulseId
      ? await tx.query<{ id: number }>(
          `UPDATE owner_pulses SET score = $2, comment = $3, answered_at = $4
           WHERE id = $1 AND customer_id = $5 RETURNING id`,
          [options.pulseId, score, comment, now, customerId],
        )
      : await tx.query<{ id: number }>(
          `INSERT INTO owner_pulses (customer_id, user_id, score, comment, asked_at, answered_at)
           VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
          [customerId, userId, score, comment, now],
        );
    if (!row) throw new Error(`Pulse ${options.pulseId} for customer ${customerId} not found`);
    await tx.query(
      `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
       VALUES ($1, $2, 'pulse.answered', 'customer', $3, $4::jsonb)`,
      [now, userId, String(customerId), JSON.stringify({ pulseId: row.id, score })],
    );
    return { pulseId: Number(row.id) };
  });
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
