import { sqlTimestamp } from "../../db/timestamps.ts";
import {
  assembleDigest,
  type DigestContent,
  type DigestFigures,
  type KpiSnapshot,
} from "../../domain/alerts/digest.ts";
import { addDays } from "../../domain/dates.ts";
import { proactiveSettings } from "../alerts/proactive-settings.ts";
import type { ServiceContext } from "../context.ts";
import { getKpis } from "../get-kpis.ts";
import { latestTrackRecord } from "../health-model/track-record.ts";
import { listAtRisk } from "../list-at-risk.ts";

const KPI_WINDOW_DAYS = 90;
const MAX_UNACKNOWLEDGED_ROWS = 200;

/**
 * Everything the weekly digest says, for one segment (or all) as of a date. The KPI windows are the
 * 90 days up to `asOf` and the 90 days up to a week earlier, so the deltas are week over week.
 * "This week" is the seven days up to and including `asOf`; `now` is the instant for "unacknowledged
 * for more than `digest.unacknowledgedDays` days".
 */
export async function buildDigest(options: {
  ctx: ServiceContext;
  asOf: string;
  segment: string | null;
}): Promise<DigestContent> {
  const { ctx, asOf, segment } = options;
  const settings = proactiveSettings(ctx);
  const now = ctx.clock.now();
  const weekAgo = addDays(asOf, -7);
  const seg = segment ?? undefined;
  const [kpiNow, kpiBefore, atRisk, alertsOpened, unacknowledged, pulses, calibration, trackRecord] =
    await Promise.all([
      getKpis({ ctx, from: addDays(asOf, -(KPI_WINDOW_DAYS - 1)), to: asOf, segment: seg }),
      getKpis({ ctx, from: addDays(weekAgo, -(KPI_WINDOW_DAYS - 1)), to: weekAgo, segment: seg }),
      listAtRisk({ ctx, segment: seg, limit: settings.digest.topAtRisk, asOf }),
      ctx.db.sql.query<{ kind: string; count: number; digest_only: number }>(
        `SELECT a.kind, count(*)::int AS count, count(*) FILTER (WHERE a.notify_state = 'DIGEST')::int AS digest_only
       FROM alerts a JOIN customers c ON c.id = a.customer_id
       WHERE a.opened_at >= $1::date - 6 AND a.opened_at < $1::date + 1
         AND ($2::text IS NULL OR lower(c.segment) = lower($2))
       GROUP BY a.kind`,
        [asOf, segment],
      ),
      ctx.db.sql.query<{
        customer_name: string;
        kind: string;
        owner: string | null;
        owner_id: number | null;
        owner_slack_user_id: string | null;
        owner_teams_user_id: string | null;
        opened_on: string;
      }>(
        // The owner's platform ids come along so the digest can mention them, not just name them.
        `SELECT c.name AS customer_name, a.kind, u.name AS owner, u.id AS owner_id,
              u.slack_user_id AS owner_slack_user_id, u.teams_user_id AS owner_teams_user_id,
              (a.opened_at::date)::text AS opened_on
       FROM alerts a JOIN customers c ON c.id = a.customer_id
       LEFT JOIN users u ON u.id = COALESCE(a.assignee_id, c.owner_id)
       WHERE a.status = 'OPEN' AND a.opened_at < ${sqlTimestamp("$1")} - make_interval(days => $2::int)
         AND ($3::text IS NULL OR lower(c.segment) = lower($3))
       ORDER BY a.opened_at, a.id LIMIT $4`,
        [now.toISOString(), settings.digest.unacknowledgedDays, segment, MAX_UNACKNOWLEDGED_ROWS],
      ),
      ctx.db.sql.query<{ owner: string; asked: number; answered: number }>(
        `SELECT u.name AS owner, count(*)::int AS asked, count(p.answered_at)::int AS answered
       FROM owner_pulses p JOIN users u ON u.id = p.user_id JOIN customers c ON c.id = p.customer_id
       WHERE p.period IS NOT NULL AND p.asked_at >= ${sqlTimestamp("$1")} - make_interval(days => $2::int)
         AND ($3::text IS NULL OR lower(c.segment) = lower($3))
       GROUP BY u.name`,
        [now.toISOString(), settings.pulses.responseRateDays, segment],
      ),
      queryCalibration(ctx, asOf, addDays(asOf, -settings.digest.calibrationDays), segment),
      latestTrackRecord(ctx),
    ]);
  const figures: DigestFigures = {
    asOf,
    segment,
    kpiNow: kpiSnapshot(kpiNow),
    kpiWeekAgo: kpiSnapshot(kpiBefore),
    atRisk: atRisk.customers.map((row) => ({
      customerId: row.customer.id,
      name: row.customer.name,
      owner: row.customer.owner,
      score: row.score,
      trend: row.trend,
      revenueAtRiskCents: row.revenueAtRisk,
      topReason: row.topReason,
    })),
    alertsOpened: alertsOpened.map((row) => ({
      kind: row.kind,
      count: Number(row.count),
      digestOnly: Number(row.digest_only),
    })),
    unacknowledgedDays: settings.digest.unacknowledgedDays,
    unacknowledged: unacknowledged.map((row) => ({
      customerName: row.customer_name,
      kind: row.kind,
      owner: row.owner,
      ownerId: row.owner_id === null ? null : Number(row.owner_id),
      ownerSlackUserId: row.owner_slack_user_id,
      ownerTeamsUserId: row.owner_teams_user_id,
      openedOn: row.opened_on,
    })),
    pulses: pulses.map((row) => ({
      owner: row.owner,
      asked: Number(row.asked),
      answered: Number(row.answered),
    })),
    calibration,
    trackRecord,
  };
  return assembleDigest(figures, {
    topAtRisk: settings.digest.topAtRisk,
    maxUnacknowledged: 8,
    maxOwners: 3,
  });
}

function kpiSnapshot(report: Awaited<ReturnType<typeof getKpis>>): KpiSnapshot {
  return {
    retentionRate: report.retentionRate,
    churnRate: report.churnRate,
    nps: report.nps,
    revenueAtRiskCents: report.revenueAtRisk,
    atRiskCustomers: report.atRiskCustomers,
  };
}

/**
 * Of the customers at risk (and healthy) on `since` — their latest snapshot in the week up to it —
 * how many have left by `asOf`: the ERP says churned, or they have not ordered for `churnAfterDays`
 * (the KPI definition of churn). Null when there were no snapshots back then.
 */
async function queryCalibration(
  ctx: ServiceContext,
  asOf: string,
  since: string,
  segment: string | null,
): Promise<DigestFigures["calibration"]> {
  const [row] = await ctx.db.sql.query<{
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
    [asOf, since, ctx.settings.health.churnAfterDays, segment],
  );
  if (!row || Number(row.at_risk) + Number(row.healthy) === 0) return null;
  return {
    since,
    atRiskThen: Number(row.at_risk),
    atRiskLeft: Number(row.at_risk_left),
    healthyThen: Number(row.healthy),
    healthyLeft: Number(row.healthy_left),
  };
}
