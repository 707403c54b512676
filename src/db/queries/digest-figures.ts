import type { DigestFigures } from "../../domain/alerts/digest.ts";
import type { SqlSession } from "../sql-session.ts";
import { sqlTimestamp } from "../timestamps.ts";

/**
 * The set-based queries behind the weekly digest's figures (src/services/digests/build-digest.ts):
 * alerts opened in the week, alerts left unacknowledged, the owners' pulse response, and what became
 * of the customers banded at risk or healthy a while ago. `segment` null: every customer.
 */

/** Alerts opened in the seven days up to and including `asOf`, per kind; `digestOnly`: not notified on their own. */
export async function countAlertsOpenedInWeek(
  sql: SqlSession,
  query: { asOf: string; segment: string | null },
): Promise<DigestFigures["alertsOpened"]> {
  const rows = await sql.query<{ kind: string; count: number; digest_only: number }>(
    `SELECT a.kind, count(*)::int AS count, count(*) FILTER (WHERE a.notify_state = 'DIGEST')::int AS digest_only
       FROM alerts a JOIN customers c ON c.id = a.customer_id
       WHERE a.opened_at >= $1::date - 6 AND a.opened_at < $1::date + 1
         AND ($2::text IS NULL OR lower(c.segment) = lower($2))
       GROUP BY a.kind`,
    [query.asOf, query.segment],
  );
  return rows.map((row) => ({
    kind: row.kind,
    count: Number(row.count),
    digestOnly: Number(row.digest_only),
  }));
}

/**
 * Alerts still open that were opened more than `olderThanDays` before `now`, oldest first, at most
 * `limit`: with the owner (the assignee, else the customer's owner) and their platform ids, so the
 * digest can mention them, not just name them.
 */
export async function listUnacknowledgedAlerts(
  sql: SqlSession,
  query: { now: Date; olderThanDays: number; segment: string | null; limit: number },
): Promise<DigestFigures["unacknowledged"]> {
  const rows = await sql.query<{
    customer_name: string;
    kind: string;
    owner: string | null;
    owner_id: number | null;
    owner_slack_user_id: string | null;
    owner_teams_user_id: string | null;
    opened_on: string;
  }>(
    `SELECT c.name AS customer_name, a.kind, u.name AS owner, u.id AS owner_id,
              u.slack_user_id AS owner_slack_user_id, u.teams_user_id AS owner_teams_user_id,
              (a.opened_at::date)::text AS opened_on
       FROM alerts a JOIN customers c ON c.id = a.customer_id
       LEFT JOIN users u ON u.id = COALESCE(a.assignee_id, c.owner_id)
       WHERE a.status = 'OPEN' AND a.opened_at < ${sqlTimestamp("$1")} - make_interval(days => $2::int)
         AND ($3::text IS NULL OR lower(c.segment) = lower($3))
       ORDER BY a.opened_at, a.id LIMIT $4`,
    [query.now.toISOString(), query.olderThanDays, query.segment, query.limit],
  );
  return rows.map((row) => ({
    customerName: row.customer_name,
    kind: row.kind,
    owner: row.owner,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerSlackUserId: row.owner_slack_user_id,
    ownerTeamsUserId: row.owner_teams_user_id,
    openedOn: row.opened_on,
  }));
}

/** Per owner (by name): scheduled pulses asked in the `days` before `now`, and how many were answered. */
export async function pulseResponseByOwner(
  sql: SqlSession,
  query: { now: Date; days: number; segment: string | null },
): Promise<DigestFigures["pulses"]> {
  const rows = await sql.query<{ owner: string; asked: number; answered: number }>(
    `SELECT u.name AS owner, count(*)::int AS asked, count(p.answered_at)::int AS answered
       FROM owner_pulses p JOIN users u ON u.id = p.user_id JOIN customers c ON c.id = p.customer_id
       WHERE p.period IS NOT NULL AND p.asked_at >= ${sqlTimestamp("$1")} - make_interval(days => $2::int)
         AND ($3::text IS NULL OR lower(c.segment) = lower($3))
       GROUP BY u.name`,
    [query.now.toISOString(), query.days, query.segment],
  );
  return rows.map((row) => ({
    owner: row.owner,
    asked: Number(row.asked),
    answered: Number(row.answered),
  }));
}

/**
 * Of the customers at risk (and healthy) on `since` — their latest snapshot in the week up to it —
 * how many have left by `asOf`: the ERP says churned, or their last order (on or before `asOf`) is
 * `churnAfterDays` old by then, the silence having begun after `since`.
 */
export async function countBandOutcomes(
  sql: SqlSession,
  query: { asOf: string; since: string; churnAfterDays: number; segment: string | null },
): Promise<{ atRiskThen: number; atRiskLeft: number; healthyThen: number; healthyLeft: number }> {
  const [row] = await sql.query<{
    at_risk: number;
    at_risk_left: number;
    healthy: number;
    healthy_left: number;
  }>(
    `WITH then_band AS (
       SELECT DISTINCT ON (s.customer_id) s.customer_id, s.band
       FROM health_snapshots s JOIN customers c ON c.id = s.customer_id
       WHERE s.as_of <= $2::date AND s.as_of > $2::date - 7
         AND ($4::text IS NULL OR lower(c.segment) = lower($4))
       ORDER BY s.customer_id, s.as_of DESC
     ),
     fate AS (
       SELECT t.band,
              (c.churned_at IS NOT NULL AND c.churned_at > $2::date AND c.churned_at <= $1::date)
              OR (lo.last_on IS NOT NULL AND lo.last_on + $3::int > $2::date AND lo.last_on + $3::int <= $1::date) AS left_since
       FROM then_band t
       JOIN customers c ON c.id = t.customer_id
       LEFT JOIN LATERAL (
         SELECT max(o.ordered_on) AS last_on FROM orders o
         WHERE o.customer_id = t.customer_id AND o.ordered_on <= $1::date) lo ON true
     )
     SELECT count(*) FILTER (WHERE band = 'AT_RISK')::int AS at_risk,
            count(*) FILTER (WHERE band = 'AT_RISK' AND left_since)::int AS at_risk_left,
            count(*) FILTER (WHERE band = 'HEALTHY')::int AS healthy,
            count(*) FILTER (WHERE band = 'HEALTHY' AND left_since)::int AS healthy_left
     FROM fate`,
    [query.asOf, query.since, query.churnAfterDays, query.segment],
  );
  return {
    atRiskThen: Number(row?.at_risk ?? 0),
    atRiskLeft: Number(row?.at_risk_left ?? 0),
    healthyThen: Number(row?.healthy ?? 0),
    healthyLeft: Number(row?.healthy_left ?? 0),
  };
}
