import { sqlTimestamp } from "../../db/timestamps.ts";
import type { ServiceContext } from "../context.ts";
import { isoText } from "./alert-cards.ts";

/**
 * Snoozes that ran out: the alert re-opens and waits for a DM again (subject to quiet hours and the
 * noise budget). Only alerts still live are snoozed, and the daily evaluation resolves an alert whose
 * condition cleared, snoozed or not; so a snooze that ends re-opens an alert that was still true at
 * the last evaluation. One statement with its audit events; running it twice re-opens nothing twice.
 */
export async function reopenSnoozedAlerts(options: { ctx: ServiceContext }): Promise<{ reopened: number[] }> {
  const { ctx } = options;
  const now = ctx.clock.now().toISOString();
  const rows = await ctx.db.sql.query<{ id: number }>(
    `WITH re AS (
       UPDATE alerts
       -- A new round: it needs acknowledging again (escalation stays once per alert).
       SET status = 'OPEN', notify_state = 'PENDING', snoozed_until = NULL, updated_at = ${sqlTimestamp("$1")},
           acknowledged_at = NULL, acknowledged_by_id = NULL,
           detail = detail || jsonb_build_object('reopenedAt', ${isoText("snoozed_until")})
       WHERE status = 'SNOOZED' AND snoozed_until <= ${sqlTimestamp("$1")}
       RETURNING id, customer_id, kind
     ),
     audit AS (
       INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
       SELECT ${sqlTimestamp("$1")}, NULL, 'alert.reopened', 'alert', re.id::text,
              jsonb_build_object('customerId', re.customer_id, 'kind', re.kind, 'why', 'snooze ended')
       FROM re
     )
     SELECT id FROM re ORDER BY id`,
    [now],
  );
  const reopened = rows.map((row) => Number(row.id));
  if (reopened.length > 0) ctx.log.info({ reopened }, "snoozed alerts re-opened");
  return { reopened };
}
