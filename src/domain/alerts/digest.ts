/**
 * The weekly digest's content, assembled from plain figures: KPI deltas week over week, the top
 * at-risk customers, this week's alerts, alerts nobody acknowledged, pulse response rates and the
 * calibration line. Pure; the digest service gathers the figures with set-based queries.
 */
import type { TrackRecord } from "../health/track-record.ts";
import type { StoredReason } from "../health/types.ts";

export interface KpiSnapshot {
  retentionRate: number | null;
  churnRate: number | null;
  nps: number | null;
  revenueAtRiskCents: number | null;
  atRiskCustomers: number | null;
}

export interface DigestFigures {
  asOf: string;
  segment: string | null;
  /** KPIs over the 90 days up to asOf, and the same a week earlier. */
  kpiNow: KpiSnapshot;
  kpiWeekAgo: KpiSnapshot;
  atRisk: Array<{
    customerId: number;
    name: string;
    owner: string | null;
    score: number;
    /** Score now − 30 days ago (src/domain/trend.ts); null without that history. */
    trend?: number | null;
    revenueAtRiskCents: number;
    topReason: StoredReason | null;
  }>;
  alertsOpened: Array<{ kind: string; count: number; digestOnly: number }>;
  /** The setting the unacknowledged alerts were selected with: open for more than this many days. */
  unacknowledgedDays: number;
  /** The owner (or assignee) with the ids the digest needs to mention them on either platform. */
  unacknowledged: Array<{
    customerName: string;
    kind: string;
    owner: string | null;
    ownerId: number | null;
    ownerSlackUserId: string | null;
    ownerTeamsUserId: string | null;
    openedOn: string;
  }>;
  pulses: Array<{ owner: string; asked: number; answered: number }>;
  calibration: {
    since: string;
    atRiskThen: number;
    atRiskLeft: number;
    healthyThen: number;
    healthyLeft: number;
  } | null;
  /** The latest backtest's figures: what the calibration line says before the bot has its own history. */
  trackRecord?: TrackRecord | null;
}

export interface KpiDelta {
  key: "retention" | "churn" | "nps" | "revenueAtRisk";
  now: number | null;
  weekAgo: number | null;
  /** now − weekAgo; null when either is unknown. */
  delta: number | null;
}

export interface DigestContent {
  asOf: string;
  segment: string | null;
  kpis: KpiDelta[];
  atRiskCustomers: number;
  atRisk: DigestFigures["atRisk"];
  alertsOpened: { total: number; digestOnly: number; byKind: Array<{ kind: string; count: number }> };
  unacknowledgedDays: number;
  unacknowledged: Array<DigestFigures["unacknowledged"][number] & { days: number }>;
  unacknowledgedHidden: number;
  pulses: {
    asked: number;
    answered: number;
    /** 0..100; null when nothing was asked. */
    rate: number | null;
    /** Owners with the lowest response rate first (they are the ones to nudge). */
    perOwner: Array<{ owner: string; asked: number; answered: number; rate: number }>;
  };
  calibration: {
    since: string;
    atRiskThen: number;
    /** % of the customers at risk then that have left since; null when there were none. */
    atRiskLeftPercent: number | null;
    healthyThen: number;
    healthyLeftPercent: number | null;
  } | null;
  trackRecord: TrackRecord | null;
}

export interface DigestLimits {
  topAtRisk: number;
  maxUnacknowledged: number;
  maxOwners: number;
}

export function assembleDigest(figures: DigestFigures, limits: DigestLimits): DigestContent {
  const delta = (now: number | null, before: number | null) =>
    now === null || before === null ? null : now - before;
  const kpis: KpiDelta[] = [
    {
      key: "retention",
      now: figures.kpiNow.retentionRate,
      weekAgo: figures.kpiWeekAgo.retentionRate,
      delta: null,
    },
    { key: "churn", now: figures.kpiNow.churnRate, weekAgo: figures.kpiWeekAgo.churnRate, delta: null },
    { key: "nps", now: figures.kpiNow.nps, weekAgo: figures.kpiWeekAgo.nps, delta: null },
    {
      key: "revenueAtRisk",
      now: figures.kpiNow.revenueAtRiskCents,
      weekAgo: figures.kpiWeekAgo.revenueAtRiskCents,
      delta: null,
    },
  ].map((kpi) => ({ ...kpi, delta: delta(kpi.now, kpi.weekAgo) }) as KpiDelta);

  const byKind = [...figures.alertsOpened]
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind))
    .map(({ kind, count }) => ({ kind, count }));
  const unacknowledged = [...figures.unacknowledged]
    .sort((a, b) => a.openedOn.localeCompare(b.openedOn) || a.customerName.localeCompare(b.customerName))
    .map((row) => ({ ...row, days: daysBetween(row.openedOn, figures.asOf) }));

  const asked = sum(figures.pulses.map((row) => row.asked));
  const answered = sum(figures.pulses.map((row) => row.answered));
  const perOwner = figures.pulses
    .filter((row) => row.asked > 0)
    .map((row) => ({ ...row, rate: (row.answered / row.asked) * 100 }))
    .sort((a, b) => a.rate - b.rate || b.asked - a.asked || a.owner.localeCompare(b.owner))
    .slice(0, limits.maxOwners);

  const calibration = figures.calibration
    ? {
        since: figures.calibration.since,
        atRiskThen: figures.calibration.atRiskThen,
        atRiskLeftPercent: percentOf(figures.calibration.atRiskLeft, figures.calibration.atRiskThen),
        healthyThen: figures.calibration.healthyThen,
        healthyLeftPercent: percentOf(figures.calibration.healthyLeft, figures.calibration.healthyThen),
      }
    : null;

  return {
    asOf: figures.asOf,
    segment: figures.segment,
    kpis,
    atRiskCustomers: figures.kpiNow.atRiskCustomers ?? 0,
    atRisk: [...figures.atRisk]
      .sort((a, b) => b.revenueAtRiskCents - a.revenueAtRiskCents || a.score - b.score)
      .slice(0, limits.topAtRisk),
    alertsOpened: {
      total: sum(figures.alertsOpened.map((row) => row.count)),
      digestOnly: sum(figures.alertsOpened.map((row) => row.digestOnly)),
      byKind,
    },
    unacknowledgedDays: figures.unacknowledgedDays,
    unacknowledged: unacknowledged.slice(0, limits.maxUnacknowledged),
    unacknowledgedHidden: Math.max(0, unacknowledged.length - limits.maxUnacknowledged),
    pulses: { asked, answered, rate: percentOf(answered, asked), perOwner },
    calibration,
    trackRecord: figures.trackRecord ?? null,
  };
}

function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
