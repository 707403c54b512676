import {
  countAlertsOpenedInWeek,
  countBandOutcomes,
  listUnacknowledgedAlerts,
  pulseResponseByOwner,
} from "../../db/queries/digest-figures.ts";
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
import { getRiskList } from "../risk-list.ts";

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
      getRiskList({ ctx, segment: seg, limit: settings.digest.topAtRisk, asOf }),
      countAlertsOpenedInWeek(ctx.db.sql, { asOf, segment }),
      listUnacknowledgedAlerts(ctx.db.sql, {
        now,
        olderThanDays: settings.digest.unacknowledgedDays,
        segment,
        limit: MAX_UNACKNOWLEDGED_ROWS,
      }),
      pulseResponseByOwner(ctx.db.sql, { now, days: settings.pulses.responseRateDays, segment }),
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
    alertsOpened,
    unacknowledgedDays: settings.digest.unacknowledgedDays,
    unacknowledged,
    pulses,
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
  const outcomes = await countBandOutcomes(ctx.db.sql, {
    asOf,
    since,
    churnAfterDays: ctx.settings.health.churnAfterDays,
    segment,
  });
  if (outcomes.atRiskThen + outcomes.healthyThen === 0) return null;
  return { since, ...outcomes };
}
