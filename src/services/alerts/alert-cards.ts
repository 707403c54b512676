import type { SqlSession } from "../../db/sql-session.ts";
import type { AlertDetail, AlertKind } from "../../domain/alerts/rules.ts";
import { kindRank } from "../../domain/alerts/rules.ts";
import type { AlertCardView, AlertItem, AlertStatus } from "../../views/alert-card.ts";

/** A UTC `timestamp` column as ISO text ("2026-11-25T09:00:00Z"), whatever the session's time zone. */
export function isoText(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

interface AlertRow {
  id: number;
  customer_id: number;
  kind: AlertKind;
  status: AlertStatus;
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
}

/**
 * The alert cards for a set of alerts (by id) or for customers' live alerts, one card per customer,
 * the most serious kind first. One statement; revenue is the trailing 12 months up to `asOf`.
 */
export async function loadAlertCards(
  sql: SqlSession,
  query: { alertIds?: number[]; liveForCustomers?: number[]; asOf: string },
): Promise<AlertCardView[]> {
  const rows = await sql.query<AlertRow>(
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
  const cards = new Map<number, AlertCardView>();
  for (const row of rows) {
    const customerId = Number(row.customer_id);
    let card = cards.get(customerId);
    if (!card) {
      card = {
        customer: { id: customerId, name: row.name, externalId: row.external_id, segment: row.segment },
        owner:
          row.owner_id === null
            ? null
            : {
                id: Number(row.owner_id),
                name: row.owner_name ?? "",
                slackUserId: row.owner_slack_user_id,
                teamsUserId: row.owner_teams_user_id,
              },
        assignee: null,
        revenueCents: Number(row.revenue),
        alerts: [],
      };
      cards.set(customerId, card);
    }
    if (!card.assignee && row.assignee_id !== null) {
      card.assignee = {
        id: Number(row.assignee_id),
        name: row.assignee_name ?? "",
        slackUserId: row.assignee_slack_user_id,
        teamsUserId: row.assignee_teams_user_id,
      };
    }
    card.alerts.push(toItem(row));
  }
  for (const card of cards.values())
    card.alerts.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.id - b.id);
  return [...cards.values()];
}

function toItem(row: AlertRow): AlertItem {
  return {
    id: Number(row.id),
    kind: row.kind,
    status: row.status,
    openedAt: row.opened_at,
    detail: typeof row.detail === "string" ? (JSON.parse(row.detail) as AlertDetail) : row.detail,
    snoozedUntil: row.snoozed_until,
    reasonCode: row.reason_code,
  };
}
