import type { AlertDetail } from "../../domain/alerts/rules.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";

export interface AlertListRow {
  id: number;
  customer: { id: number; externalId: string; name: string };
  kind: string;
  status: string;
  openedAt: string;
  assignee: string | null;
  owner: string | null;
  snoozedUntil: string | null;
  reasonCode: string | null;
  /** The figures of its latest evaluation (score, the score before, the rule's values), as the DM shows them. */
  detail: AlertDetail;
  /** Who did what, oldest first (opened, acknowledged, snoozed, reassigned, escalated, resolved, …). */
  trail: Array<{ at: string; action: string; actor: string | null; detail: Record<string, unknown> }>;
}

/**
 * Alerts with their state and audit trail, newest first: all, or only the live ones (not resolved),
 * optionally for some customers. One statement; the trail is aggregated per alert.
 */
export async function queryAlertList(
  sql: SqlSession,
  query: { liveOnly: boolean; customerIds?: number[]; limit: number },
): Promise<AlertListRow[]> {
  const rows = await sql.query<{
    id: number;
    customer_id: number;
    external_id: string;
    name: string;
    kind: string;
    status: string;
    opened_at: string;
    assignee: string | null;
    owner: string | null;
    snoozed_until: string | null;
    reason_code: string | null;
    detail: AlertDetail | string;
    trail: AlertListRow["trail"] | string | null;
  }>(
    `SELECT a.id, c.id AS customer_id, c.external_id, c.name, a.kind, a.status::text AS status,
            to_char(a.opened_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS opened_at,
            s.name AS assignee, o.name AS owner,
            to_char(a.snoozed_until, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS snoozed_until, a.reason_code, a.detail,
            (SELECT json_agg(json_build_object(
                      'at', to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'action', e.action,
                      'actor', u.name, 'detail', e.detail) ORDER BY e.at, e.id)
               FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
              WHERE e.entity = 'alert' AND e.entity_id = a.id::text) AS trail
     FROM alerts a
     JOIN customers c ON c.id = a.customer_id
     LEFT JOIN users s ON s.id = a.assignee_id
     LEFT JOIN users o ON o.id = c.owner_id
     WHERE (NOT $1::boolean OR a.status <> 'RESOLVED')
       AND ($2::int[] IS NULL OR a.customer_id = ANY ($2::int[]))
     ORDER BY a.opened_at DESC, a.id DESC
     LIMIT $3`,
    [query.liveOnly, query.customerIds ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    customer: { id: Number(row.customer_id), externalId: row.external_id, name: row.name },
    kind: row.kind,
    status: row.status,
    openedAt: row.opened_at,
    assignee: row.assignee,
    owner: row.owner,
    snoozedUntil: row.snoozed_until,
    reasonCode: row.reason_code,
    detail: typeof row.detail === "string" ? (JSON.parse(row.detail) as AlertDetail) : row.detail,
    trail: jsonColumn(row.trail) ?? [],
  }));
}
