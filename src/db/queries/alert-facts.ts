import type { SnapshotView } from "../../domain/alerts/rules.ts";
import type { HealthBand, SignalResult } from "../../domain/health/types.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { trendBaseLateral } from "./score-trend.ts";
import { type CustomerIdRange, idRangeParams } from "./signal-inputs.ts";

/**
 * What the alert rules need per customer scored on `asOf`, besides the signal inputs: today's
 * snapshot, the band before it, the snapshot to compare with, recent complaints and the kinds of the
 * customer's live alerts. One set-based statement (src/services/alerts/evaluate-alerts.ts runs the rules).
 */
export interface AlertFactsRow {
  customerId: number;
  /** The snapshot of `asOf`. */
  current: SnapshotView;
  /** The band of the latest snapshot before `asOf`, if any. */
  previousBand: HealthBand | null;
  /** The snapshot about `scoreDropDays` before `asOf` (the trend's base), if any. */
  before: SnapshotView | null;
  /** Complaints opened within `complaintsWithinDays` up to `asOf`. */
  recentComplaints: number;
  /** Kinds of the customer's live (not resolved) alerts. */
  liveKinds: string[];
}

export async function queryAlertFacts(
  sql: SqlSession,
  query: {
    asOf: string;
    complaintsWithinDays: number;
    scoreDropDays: number;
    customerIds: number[] | null;
    /** Only customers with ids in this range (inclusive), to read a large book a part at a time. */
    idRange?: CustomerIdRange;
  },
): Promise<AlertFactsRow[]> {
  const rows = await sql.query<{
    customer_id: number;
    score: number;
    band: HealthBand;
    confidence: number;
    signals: SignalResult[] | string;
    previous_band: HealthBand | null;
    before_on: string | null;
    before_score: number | null;
    before_band: HealthBand | null;
    before_confidence: number | null;
    before_signals: SignalResult[] | string | null;
    recent_complaints: number;
    /** Comma-separated (a string works the same on both drivers). */
    live_kinds: string | null;
  }>(
    `SELECT s.customer_id, s.score, s.band::text AS band, s.confidence, s.signals,
            prev.band AS previous_band,
            b.as_of AS before_on, b.score AS before_score, b.band AS before_band,
            b.confidence AS before_confidence, b.signals AS before_signals,
            COALESCE(cp.n, 0)::int AS recent_complaints,
            (SELECT string_agg(a.kind::text, ',') FROM alerts a
             WHERE a.customer_id = s.customer_id AND a.status <> 'RESOLVED') AS live_kinds
     FROM health_snapshots s
     LEFT JOIN LATERAL (
       SELECT p.band::text AS band FROM health_snapshots p
       WHERE p.customer_id = s.customer_id AND p.as_of < s.as_of ORDER BY p.as_of DESC LIMIT 1) prev ON true
     LEFT JOIN ${trendBaseLateral({
       customer: "s.customer_id",
       nowDate: "s.as_of",
       days: query.scoreDropDays,
       columns: "tb.as_of::text AS as_of, tb.score, tb.band::text AS band, tb.confidence, tb.signals",
     })} b ON true
     LEFT JOIN (
       SELECT customer_id, count(*) AS n FROM complaints
       WHERE opened_on > $1::date - $2::int AND opened_on <= $1::date GROUP BY customer_id) cp
       ON cp.customer_id = s.customer_id
     WHERE s.as_of = $1::date AND ($3::int[] IS NULL OR s.customer_id = ANY ($3::int[]))
       AND s.customer_id BETWEEN $4::int AND $5::int`,
    [query.asOf, query.complaintsWithinDays, query.customerIds, ...idRangeParams(query.idRange)],
  );
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    current: {
      asOf: query.asOf,
      score: Number(row.score),
      band: row.band,
      confidence: Number(row.confidence),
      signals: jsonColumn<SignalResult[]>(row.signals),
    },
    previousBand: row.previous_band,
    before:
      row.before_on === null || row.before_band === null
        ? null
        : {
            asOf: row.before_on,
            score: Number(row.before_score),
            band: row.before_band,
            confidence: Number(row.before_confidence),
            signals: jsonColumn<SignalResult[]>(row.before_signals ?? "[]"),
          },
    recentComplaints: Number(row.recent_complaints),
    liveKinds: row.live_kinds ? row.live_kinds.split(",") : [],
  }));
}
