import type { AlertDetail } from "../../domain/alerts/rules.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { isoText, sqlTimestamp } from "../timestamps.ts";
import { trailingRevenueCents } from "./trailing-revenue.ts";

/**
 * Telling people about alerts (table `alerts` and its audit events): which OPEN alerts still wait for
 * their DM, marking them notified or left to the digest, and escalating the ones nobody acknowledged.
 * Each step touches only alerts still in the state it applies to, so running it twice changes nothing
 * twice. Who is told and when is decided in src/services/alerts.
 */
/** A DM'd alert nobody acknowledged: who got it (and their zone), and that person's manager, if any. */
export interface EscalationCandidate {
  id: number;
  customerId: number;
  segment: string;
  /** ISO date-time of the DM. */
  notifiedAt: string;
  recipientId: number;
  recipientTimezone: string;
  /** Null when Klantpuls knows no manager for the recipient (or they manage themselves). */
  managerId: number | null;
  managerLocale: string | null;
}

/**
 * OPEN alerts that were DM'd at or before `notifiedBy`, were never acknowledged and not yet
 * escalated, by customer and id. The service applies the exact working-days rule.
 */
export async function listEscalationCandidates(
  sql: SqlSession,
  notifiedBy: Date,
): Promise<EscalationCandidate[]> {
  const rows = await sql.query<{
    id: number;
    customer_id: number;
    segment: string;
    notified_at: string;
    recipient_id: number;
    timezone: string;
    manager_id: number | null;
    manager_locale: string | null;
  }>(
    `SELECT a.id, a.customer_id, c.segment, ${isoText("a.notified_at")} AS notified_at,
            u.id AS recipient_id, u.timezone, m.id AS manager_id, m.locale AS manager_locale
     FROM alerts a
     JOIN customers c ON c.id = a.customer_id
     JOIN users u ON u.id = a.notified_user_id
     LEFT JOIN users m ON m.id = u.manager_id AND m.id <> u.id
     WHERE a.status = 'OPEN' AND a.notify_state = 'SENT' AND a.escalated_at IS NULL
       AND a.acknowledged_at IS NULL AND a.notified_at <= ${sqlTimestamp("$1")}
     ORDER BY a.customer_id, a.id`,
    [notifiedBy.toISOString()],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    segment: row.segment,
    notifiedAt: row.notified_at,
    recipientId: Number(row.recipient_id),
    recipientTimezone: row.timezone,
    managerId: row.manager_id === null ? null : Number(row.manager_id),
    managerLocale: row.manager_locale,
  }));
}

/**
 * Mark alerts escalated at `at` (only those not escalated yet) with an `alert.escalated` audit event
 * each, naming where it went (`to`: "user:12", "channel:SLACK:C1", …). One statement.
 */
export async function markAlertsEscalated(
  sql: SqlSession,
  escalation: { alertIds: number[]; at: Date; to: string[] },
): Promise<void> {
  await sql.query(
    `WITH upd AS (
       UPDATE alerts SET escalated_at = ${sqlTimestamp("$2")}, updated_at = ${sqlTimestamp("$2")}
       WHERE id = ANY ($1::int[]) AND escalated_at IS NULL RETURNING id, customer_id)
     INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     SELECT ${sqlTimestamp("$2")}, NULL, 'alert.escalated', 'alert', upd.id::text,
            jsonb_build_object('customerId', upd.customer_id, 'to', $3::jsonb)
     FROM upd`,
    [escalation.alertIds, escalation.at.toISOString(), JSON.stringify(escalation.to)],
  );
}

/** An OPEN alert waiting for its DM, with whom to tell (the assignee, else the customer's owner). */
export interface AlertAwaitingDm {
  id: number;
  customerId: number;
  detail: AlertDetail;
  /** Null when the alert has neither assignee nor owner (or that person is gone). */
  recipientId: number | null;
  recipientTimezone: string | null;
  recipientLocale: string | null;
  /** The customer's revenue over the 12 months up to `asOf`. */
  revenueCents: number;
}

/** OPEN alerts whose DM is still PENDING, by customer and id. */
export async function listAlertsAwaitingDm(sql: SqlSession, asOf: string): Promise<AlertAwaitingDm[]> {
  const rows = await sql.query<{
    id: number;
    customer_id: number;
    detail: AlertDetail | string;
    recipient_id: number | null;
    timezone: string | null;
    locale: string | null;
    revenue: number;
  }>(
    `SELECT a.id, a.customer_id, a.detail, u.id AS recipient_id, u.timezone, u.locale,
            ${trailingRevenueCents("a.customer_id", "$1")} AS revenue
     FROM alerts a
     JOIN customers c ON c.id = a.customer_id
     LEFT JOIN users u ON u.id = COALESCE(a.assignee_id, c.owner_id)
     WHERE a.status = 'OPEN' AND a.notify_state = 'PENDING'
     ORDER BY a.customer_id, a.id`,
    [asOf],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    detail: jsonColumn<AlertDetail>(row.detail),
    recipientId: row.recipient_id === null ? null : Number(row.recipient_id),
    recipientTimezone: row.timezone,
    recipientLocale: row.locale,
    revenueCents: Number(row.revenue),
  }));
}

/**
 * Mark alerts whose DM is still PENDING as SENT to `recipientId` at `at`, with an `alert.notified`
 * audit event each naming the outbox key of the DM. One statement; alerts already told are left alone.
 */
export async function markAlertsNotified(
  sql: SqlSession,
  notice: { alertIds: number[]; at: Date; recipientId: number; deliveryKey: string },
): Promise<void> {
  await sql.query(
    `WITH upd AS (
       UPDATE alerts SET notify_state = 'SENT', notified_at = ${sqlTimestamp("$2")}, notified_user_id = $3,
              updated_at = ${sqlTimestamp("$2")}
       WHERE id = ANY ($1::int[]) AND notify_state = 'PENDING'
       RETURNING id, customer_id)
     INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     SELECT ${sqlTimestamp("$2")}, NULL, 'alert.notified', 'alert', upd.id::text,
            jsonb_build_object('customerId', upd.customer_id, 'to', $3::int, 'delivery', $4::text)
     FROM upd`,
    [notice.alertIds, notice.at.toISOString(), notice.recipientId, notice.deliveryKey],
  );
}

/** Leave alerts whose DM is still PENDING to the digest (notify DIGEST). */
export async function markAlertsDigestOnly(sql: SqlSession, alertIds: number[], at: Date): Promise<void> {
  await sql.query(
    `UPDATE alerts SET notify_state = 'DIGEST', updated_at = ${sqlTimestamp("$2")}
     WHERE id = ANY ($1::int[]) AND notify_state = 'PENDING'`,
    [alertIds, at.toISOString()],
  );
}

/**
 * The alert DMs these people got since `since`: distinct (person, customer, moment), the moment as an
 * ISO date-time. The service counts them per local day.
 */
export async function listAlertDmsSince(
  sql: SqlSession,
  userIds: number[],
  since: Date,
): Promise<Array<{ userId: number; customerId: number; at: string }>> {
  const rows = await sql.query<{ user_id: number; customer_id: number; at: string }>(
    `SELECT DISTINCT notified_user_id AS user_id, customer_id, ${isoText("notified_at")} AS at
     FROM alerts
     WHERE notified_user_id = ANY ($1::int[]) AND notified_at >= ${sqlTimestamp("$2")}`,
    [userIds, since.toISOString()],
  );
  return rows.map((row) => ({
    userId: Number(row.user_id),
    customerId: Number(row.customer_id),
    at: row.at,
  }));
}
