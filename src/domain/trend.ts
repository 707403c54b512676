/**
 * The one definition of a customer's trend (ARCHITECTURE: "score now − score 30 days ago, from
 * snapshots"): the latest snapshot's score minus the score of the snapshot nearest to 30 days before
 * it, accepted only within ±7 days of that point. Further off there is no honest "30 days ago", so the
 * trend is "no history yet" rather than a difference over some other span. The card, App Home, the
 * alerts, the digest and the CLI all read it through here; the database side picks the base snapshot
 * with `trendBaseLateral` (src/db/queries/score-trend.ts), using the same constants.
 */

export const TREND_DAYS = 30;
/** Daily scoring may miss days and demo/backfilled history is weekly: a week either way still counts. */
export const TREND_TOLERANCE_DAYS = 7;

export interface TrendPoint {
  /** ISO date of the snapshot. */
  date: string;
  score: number;
  /** A snapshot scored without any data (confidence 0) is a placeholder, not history. */
  confidence?: number;
}

export interface ScoreTrend {
  /** now − then in points; null when there is no snapshot 30 ± 7 days before the current one. */
  delta: number | null;
  /** The date of the snapshot compared with; null with `delta`. */
  since: string | null;
}

export const noTrend: ScoreTrend = { delta: null, since: null };

/** `days` other than 30 only for a configured alert window (`rules.scoreDrop.days`). */
export function scoreTrend(now: TrendPoint | null, base: TrendPoint | null, days = TREND_DAYS): ScoreTrend {
  if (!now || !base || base.confidence === 0) return noTrend;
  const gap = daysBetween(base.date, now.date);
  if (Math.abs(gap - days) > TREND_TOLERANCE_DAYS) return noTrend;
  return { delta: now.score - base.score, since: base.date };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
