import type { HealthBand, SignalResult } from "../../domain/health/types.ts";
import type { TrendPoint } from "../../domain/trend.ts";
import type { SqlSession } from "../sql-session.ts";
import { trendBaseLateral } from "./score-trend.ts";
import { trailingRevenueCents } from "./trailing-revenue.ts";

/** A stored daily snapshot, whole: what every view shows as "the score" of a customer on a date. */
export interface StoredSnapshot {
  asOf: string;
  score: number;
  band: HealthBand;
  confidence: number;
  /** P(churn in the model's horizon); null for snapshots written before it was stored. */
  churnProbability: number | null;
  signals: SignalResult[];
}

export interface CustomerFacts {
  trailingRevenueCents: number;
  lastOrderOn: string | null;
  history: Array<{ date: string; score: number }>;
  /** The latest snapshot on or before asOf (null when the customer was never scored). */
  latestSnapshot: StoredSnapshot | null;
  /** The trend's base snapshot for `latestSnapshot` (see src/domain/trend.ts); null without one. */
  trendBase: TrendPoint | null;
  openAlerts: Array<{ id: number; kind: string; status: string; openedAt: string }>;
}

/**
 * The card's supporting facts for one customer in one round trip: trailing-12-month revenue,
 * last order, weekly score history over `historyDays`, the latest snapshot with its trend base, and
 * alerts that are not resolved.
 */
export async function queryCustomerFacts(
  sql: SqlSession,
  query: { customerId: number; asOf: string; historyDays: number },
): Promise<CustomerFacts> {
  const [row] = await sql.query<{
    revenue: number;
    last_order_on: string | null;
    history: Array<{ date: string; score: number }> | string | null;
    latest:
      | {
          as_of: string;
          score: number;
          band: HealthBand;
          confidence: number;
          churn_probability: number | null;
          signals: SignalResult[];
        }
      | string
      | null;
    base: { as_of: string; score: number; confidence: number } | string | null;
    alerts: Array<{ id: number; kind: string; status: string; openedAt: string }> | string | null;
  }>(
    `WITH latest AS (
       SELECT as_of, score, band::text AS band, confidence, churn_probability, signals FROM health_snapshots
       WHERE customer_id = $1 AND as_of <= $2::date ORDER BY as_of DESC LIMIT 1)
     SELECT
       ${trailingRevenueCents("$1", "$2")} AS revenue,
       (SELECT max(ordered_on)::text FROM orders
         WHERE customer_id = $1 AND ordered_on <= $2::date AND amount_cents > 0) AS last_order_on,
       (SELECT json_agg(json_build_object('date', d, 'score', score) ORDER BY d) FROM (
          SELECT DISTINCT ON (date_trunc('week', as_of)) as_of::text AS d, score
          FROM health_snapshots
          WHERE customer_id = $1 AND as_of > $2::date - $3::int AND as_of <= $2::date
          ORDER BY date_trunc('week', as_of), as_of DESC) weekly) AS history,
       (SELECT json_build_object('as_of', as_of::text, 'score', score, 'band', band, 'confidence', confidence,
                                 'churn_probability', churn_probability, 'signals', signals) FROM latest) AS latest,
       (SELECT json_build_object('as_of', b.as_of, 'score', b.score, 'confidence', b.confidence)
          FROM latest l, ${trendBaseLateral({ customer: "$1", nowDate: "l.as_of" })} b) AS base,
       (SELECT json_agg(json_build_object('id', id, 'kind', kind, 'status', status::text, 'openedAt', opened_at) ORDER BY opened_at DESC)
          FROM alerts WHERE customer_id = $1 AND status <> 'RESOLVED') AS alerts`,
    [query.customerId, query.asOf, query.historyDays],
  );
  const latest = parseJson(row?.latest);
  const base = parseJson(row?.base);
  return {
    trailingRevenueCents: Number(row?.revenue ?? 0),
    lastOrderOn: row?.last_order_on ?? null,
    history: parseJson(row?.history) ?? [],
    latestSnapshot: latest
      ? {
          asOf: latest.as_of,
          score: Number(latest.score),
          band: latest.band,
          confidence: Number(latest.confidence),
          churnProbability: latest.churn_probability === null ? null : Number(latest.churn_probability),
          signals: parseJson(latest.signals) ?? [],
        }
      : null,
    trendBase: base
      ? { date: base.as_of, score: Number(base.score), confidence: Number(base.confidence) }
      : null,
    openAlerts: parseJson(row?.alerts) ?? [],
  };
}

function parseJson<T>(value: T | string | null | undefined): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
