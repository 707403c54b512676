import type { AlertDetail, AlertKind } from "../../domain/alerts/rules.ts";
import type { SqlSession } from "../sql-session.ts";
import { sqlTimestamp } from "../timestamps.ts";

/**
 * Alerts following the conditions that raise them (table `alerts` and its audit events): open one per
 * customer and kind while its condition holds, resolve it when the condition clears. Idempotent: a
 * second run on the same day changes nothing. The rules themselves are in src/domain/alerts.
 */
/** A condition that holds today for a customer: the alert of this kind should be live. */
export interface HoldingCondition {
  customerId: number;
  kind: AlertKind;
  detail: AlertDetail;
  /** PENDING: may be DM'd; DIGEST: the digest only. */
  notifyState: "PENDING" | "DIGEST";
}

/**
 * Open an alert for each condition without a live alert of its kind (one per customer and kind, by
 * the unique `active_key`), with an `alert.opened` audit event each. A live alert whose condition
 * still holds keeps its state but takes the new figures (keys only the alert has, such as
 * `reopenedAt`, are kept). One statement; returns the alerts opened now.
 */
export async function openAlertsForConditions(
  sql: SqlSession,
  conditions: HoldingCondition[],
  at: Date,
): Promise<Array<{ id: number; notifyState: "PENDING" | "DIGEST" }>> {
  const rows = await sql.query<{ id: number; notify_state: "PENDING" | "DIGEST" }>(
    `WITH found AS (
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(customer_id, kind, detail, notify_state)
     ),
     ins AS (
       INSERT INTO alerts (customer_id, kind, status, active_key, detail, opened_at, updated_at, notify_state)
       SELECT customer_id, kind, 'OPEN', customer_id || ':' || kind, detail::jsonb,
              ${sqlTimestamp("$5")}, ${sqlTimestamp("$5")}, notify_state
       FROM found
       -- A live alert whose condition still holds keeps its state but takes today's figures, so
       -- a DM sent or refreshed later never shows older numbers than the card (keys such as
       -- reopenedAt that only the alert has are kept).
       ON CONFLICT (active_key) DO UPDATE SET detail = alerts.detail || EXCLUDED.detail
       RETURNING id, customer_id, kind, notify_state, (xmax = 0) AS inserted
     ),
     audit AS (
       INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
       SELECT ${sqlTimestamp("$5")}, NULL, 'alert.opened', 'alert', ins.id::text,
              jsonb_build_object('customerId', ins.customer_id, 'kind', ins.kind, 'notify', ins.notify_state)
       FROM ins WHERE ins.inserted
     )
     SELECT id, notify_state FROM ins WHERE ins.inserted`,
    [
      conditions.map((c) => c.customerId),
      conditions.map((c) => c.kind),
      conditions.map((c) => JSON.stringify({ ...c.detail })),
      conditions.map((c) => c.notifyState),
      at.toISOString(),
    ],
  );
  return rows.map((row) => ({ id: Number(row.id), notifyState: row.notify_state }));
}

/**
 * Resolve the live alerts whose condition is gone (not among `holding`): those of the customers
 * `evaluatedCustomerIds`, and those of churned customers (all, or only among `onlyCustomerIds` when
 * given). An `alert.resolved` audit event each. One statement; returns the ids resolved.
 */
export async function resolveClearedAlerts(
  sql: SqlSession,
  resolution: {
    holding: Array<{ customerId: number; kind: string }>;
    evaluatedCustomerIds: number[];
    onlyCustomerIds: number[] | null;
    at: Date;
  },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `WITH found AS (
       SELECT * FROM unnest($1::int[], $2::text[]) AS t(customer_id, kind)
     ),
     res AS (
       UPDATE alerts a SET status = 'RESOLVED', active_key = NULL, resolved_at = ${sqlTimestamp("$4")},
              updated_at = ${sqlTimestamp("$4")}
       WHERE a.status <> 'RESOLVED'
         AND NOT EXISTS (SELECT 1 FROM found f WHERE f.customer_id = a.customer_id AND f.kind = a.kind)
         AND (a.customer_id = ANY ($3::int[])
              OR (EXISTS (SELECT 1 FROM customers c WHERE c.id = a.customer_id AND c.status = 'CHURNED')
                  AND ($5::int[] IS NULL OR a.customer_id = ANY ($5::int[]))))
       RETURNING a.id, a.customer_id, a.kind, a.status
     ),
     audit AS (
       INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
       SELECT ${sqlTimestamp("$4")}, NULL, 'alert.resolved', 'alert', res.id::text,
              jsonb_build_object('customerId', res.customer_id, 'kind', res.kind, 'why', 'condition cleared')
       FROM res
     )
     SELECT id FROM res`,
    [
      resolution.holding.map((f) => f.customerId),
      resolution.holding.map((f) => f.kind),
      resolution.evaluatedCustomerIds,
      resolution.at.toISOString(),
      resolution.onlyCustomerIds,
    ],
  );
  return rows.map((row) => Number(row.id));
}
