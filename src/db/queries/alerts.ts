import type { AlertDetail, AlertKind } from "../../domain/alerts/rules.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { isoText, sqlTimestamp } from "../timestamps.ts";

/**
 * The alerts repository (table `alerts`, with the audit events of each change): reading alerts for
 * their cards, and the state transitions (open, acknowledge, snooze, reassign, notify, escalate,
 * re-open, resolve), each touching only alerts still in a state it applies to, so running it twice
 * changes nothing twice. The rules (which alert, when, to whom) are in src/services/alerts.
 */
export type StoredAlertStatus = "OPEN" | "ACKNOWLEDGED" | "SNOOZED" | "RESOLVED";

/** A person on an alert: the customer's owner or the alert's assignee. */
export interface AlertPersonRow {
  id: number;
  name: string;
  slackUserId: string | null;
  teamsUserId: string | null;
}

/** One alert with its customer, owner, assignee and the customer's trailing 12 months' revenue. */
export interface AlertCardRow {
  id: number;
  customerId: number;
  kind: AlertKind;
  status: StoredAlertStatus;
  detail: AlertDetail;
  reasonCode: string | null;
  /** ISO date-time ("2026-11-25T09:00:00Z"). */
  openedAt: string;
  /** ISO date-time the snooze ends. */
  snoozedUntil: string | null;
  customer: { name: string; externalId: string; segment: string };
  owner: AlertPersonRow | null;
  assignee: AlertPersonRow | null;
  revenueCents: number;
}

/**
 * Alerts by id, and/or customers' live (not resolved) alerts, ordered by customer and id. One
 * statement; revenue is the trailing 12 months up to `asOf` (a date).
 */
export async function loadAlertCardRows(
  sql: SqlSession,
  query: { alertIds?: number[]; liveForCustomers?: number[]; asOf: string },
): Promise<AlertCardRow[]> {
  const rows = await sql.query<{
    id: number;
    customer_id: number;
    kind: AlertKind;
    status: StoredAlertStatus;
    detail: AlertDetail | string;
    reason_code: string | null;
    opened_at: string;
    snoozed_until: string | null;
    name: string;
    external_id: string;
    segment: string;
    owner_id: number | null;
    owner_name: string | null;
    owner_slack_user_id: string | null;
    owner_teams_user_id: string | null;
    assignee_id: number | null;
    assignee_name: string | null;
    assignee_slack_user_id: string | null;
    assignee_teams_user_id: string | null;
    revenue: number;
  }>(
    `SELECT a.id, a.customer_id, a.kind, a.status::text AS status, a.detail, a.reason_code,
            ${isoText("a.opened_at")} AS opened_at, ${isoText("a.snoozed_until")} AS snoozed_until,
            c.name, c.external_id, c.segment, o.id AS owner_id, o.name AS owner_name,
            o.slack_user_id AS owner_slack_user_id, o.teams_user_id AS owner_teams_user_id,
            s.id AS assignee_id, s.name AS assignee_name,
            s.slack_user_id AS assignee_slack_user_id, s.teams_user_id AS assignee_teams_user_id,
            (SELECT COALESCE(sum(i.amount_cents), 0)::float8 FROM invoices i
              WHERE i.customer_id = a.customer_id AND i.issued_on > $3::date - 365 AND i.issued_on <= $3::date) AS revenue
     FROM alerts a
     JOIN customers c ON c.id = a.customer_id
     LEFT JOIN users o ON o.id = c.owner_id
     LEFT JOIN users s ON s.id = a.assignee_id
     WHERE ($1::int[] IS NOT NULL AND a.id = ANY ($1::int[]))
        OR ($2::int[] IS NOT NULL AND a.customer_id = ANY ($2::int[]) AND a.status <> 'RESOLVED')
     ORDER BY a.customer_id, a.id`,
    [query.alertIds ?? null, query.liveForCustomers ?? null, query.asOf],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    status: row.status,
    detail: jsonColumn<AlertDetail>(row.detail),
    reasonCode: row.reason_code,
    openedAt: row.opened_at,
    snoozedUntil: row.snoozed_until,
    customer: { name: row.name, externalId: row.external_id, segment: row.segment },
    owner:
      row.owner_id === null
        ? null
        : {
            id: Number(row.owner_id),
            name: row.owner_name ?? "",
            slackUserId: row.owner_slack_user_id,
            teamsUserId: row.owner_teams_user_id,
          },
    assignee:
      row.assignee_id === null
        ? null
        : {
            id: Number(row.assignee_id),
            name: row.assignee_name ?? "",
            slackUserId: row.assignee_slack_user_id,
            teamsUserId: row.assignee_teams_user_id,
          },
    revenueCents: Number(row.revenue),
  }));
}

/**
 * Snoozes that ran out by `now`: back to OPEN and waiting for a DM again (notify PENDING), to be
 * acknowledged again, with `reopenedAt` (when the snooze ended) in the detail; an `alert.reopened`
 * audit event each. One statement; a second run re-opens nothing. The ids re-opened, ascending.
 */
export async function reopenEndedSnoozes(sql: SqlSession, now: Date): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
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
    [now.toISOString()],
  );
  return rows.map((row) => Number(row.id));
}

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
            (SELECT COALESCE(sum(i.amount_cents), 0)::float8 FROM invoices i
              WHERE i.customer_id = a.customer_id AND i.issued_on > $1::date - 365 AND i.issued_on <= $1::date) AS revenue
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

/** How many of these alerts are assigned to this person. */
export async function countAlertsAssignedTo(
  sql: SqlSession,
  alertIds: number[],
  userId: number,
): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM alerts WHERE id = ANY ($1::int[]) AND assignee_id = $2",
    [alertIds, userId],
  );
  return Number(row?.n ?? 0);
}

const sortedIds = (rows: Array<{ id: number }>) => rows.map((row) => Number(row.id)).sort((a, b) => a - b);

/**
 * Acknowledge those of these alerts that are OPEN (by `actorId`, at `at`; a reason replaces the one
 * stored). Returns the ids changed, ascending: none when someone (or a double click) was first.
 */
export async function acknowledgeOpenAlerts(
  sql: SqlSession,
  change: { alertIds: number[]; at: Date; actorId: number; reason: string | null },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `UPDATE alerts SET status = 'ACKNOWLEDGED', acknowledged_at = ${sqlTimestamp("$2")}, acknowledged_by_id = $3,
            reason_code = COALESCE($4, reason_code), updated_at = ${sqlTimestamp("$2")}
     WHERE id = ANY ($1::int[]) AND status = 'OPEN' RETURNING id`,
    [change.alertIds, change.at.toISOString(), change.actorId, change.reason],
  );
  return sortedIds(rows);
}

/**
 * Snooze those of these alerts that are OPEN or ACKNOWLEDGED for `days` from `at` (a reason replaces
 * the one stored). Returns the ids changed, ascending.
 */
export async function snoozeLiveAlerts(
  sql: SqlSession,
  change: { alertIds: number[]; at: Date; days: number; reason: string | null },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `UPDATE alerts SET status = 'SNOOZED',
            snoozed_until = ${sqlTimestamp("$2")} + make_interval(days => $3::int),
            reason_code = COALESCE($4, reason_code), updated_at = ${sqlTimestamp("$2")}
     WHERE id = ANY ($1::int[]) AND status IN ('OPEN', 'ACKNOWLEDGED') RETURNING id`,
    [change.alertIds, change.at.toISOString(), change.days, change.reason],
  );
  return sortedIds(rows);
}

/**
 * Assign those of these alerts that are not resolved and not yet assigned to `assigneeId` to them.
 * The escalation clock starts again with the new person (notified now; an OPEN alert counts as told).
 * Returns the ids changed, ascending.
 */
export async function reassignLiveAlerts(
  sql: SqlSession,
  change: { alertIds: number[]; at: Date; assigneeId: number },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `UPDATE alerts SET assignee_id = $3, notified_user_id = $3, notified_at = ${sqlTimestamp("$2")},
            notify_state = CASE WHEN status = 'OPEN' THEN 'SENT' ELSE notify_state END,
            updated_at = ${sqlTimestamp("$2")}
     WHERE id = ANY ($1::int[]) AND status <> 'RESOLVED' AND assignee_id IS DISTINCT FROM $3 RETURNING id`,
    [change.alertIds, change.at.toISOString(), change.assigneeId],
  );
  return sortedIds(rows);
}

/** One audit event per alert for what a person did (`action`, e.g. "alert.acknowledged"); their ids. */
export async function recordAlertActions(
  sql: SqlSession,
  event: { alertIds: number[]; at: Date; actorId: number; action: string; detail: Record<string, unknown> },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     SELECT ${sqlTimestamp("$1")}, $2, $3, 'alert', id::text, $4::jsonb FROM unnest($5::int[]) AS t(id)
     RETURNING id`,
    [event.at.toISOString(), event.actorId, event.action, JSON.stringify(event.detail), event.alertIds],
  );
  return rows.map((row) => Number(row.id));
}

/**
 * The latest audit event of `action` on any of these alerts: who did it ("Klantpuls" when nobody
 * did), when (ISO date-time) and, for a hand-over, to whom. Null when there is none.
 */
export async function findLastAlertAction(
  sql: SqlSession,
  alertIds: number[],
  action: string,
): Promise<{ name: string; at: string; assignee: string | null } | null> {
  const [row] = await sql.query<{ name: string | null; at: string; assignee: string | null }>(
    `SELECT u.name, ${isoText("e.at")} AS at, au.name AS assignee
     FROM audit_events e
     LEFT JOIN users u ON u.id = e.actor_user_id
     LEFT JOIN users au ON au.id = (e.detail ->> 'assigneeId')::int
     WHERE e.entity = 'alert' AND e.entity_id = ANY ($1::text[]) AND e.action = $2
     ORDER BY e.at DESC, e.id DESC LIMIT 1`,
    [alertIds.map(String), action],
  );
  return row ? { name: row.name ?? "Klantpuls", at: row.at, assignee: row.assignee } : null;
}
