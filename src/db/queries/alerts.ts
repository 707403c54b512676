import type { AlertDetail, AlertKind } from "../../domain/alerts/rules.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { isoText, sqlTimestamp } from "../timestamps.ts";
import { trailingRevenueCents } from "./trailing-revenue.ts";

/**
 * The alerts repository (table `alerts`, with the audit events of each change): reading alerts for
 * their cards, and what people do to them (acknowledge, snooze, reassign; a snooze's end re-opens),
 * each touching only alerts still in a state it applies to, so running it twice changes nothing
 * twice. Notifying and escalating: alert-notifications.ts; opening and resolving on conditions:
 * alert-conditions.ts. The rules (which alert, when, to whom) are in src/services/alerts.
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
            ${trailingRevenueCents("a.customer_id", "$3")} AS revenue
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
