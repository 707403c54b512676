import { scoreTrend } from "../../domain/trend.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { trendBaseLateral } from "./score-trend.ts";

export interface ScoredCustomerRow {
  customerId: number;
  externalId: string;
  name: string;
  segment: string;
  ownerName: string | null;
  score: number;
  band: "HEALTHY" | "ATTENTION" | "AT_RISK";
  scoredOn: string;
  /** Invoiced over the 365 days up to the date, cents. */
  trailingRevenueCents: number;
  signals: unknown;
  /** The trend of the latest snapshot (src/domain/trend.ts); null without 30 days of history. */
  trend: number | null;
}

export interface LatestScoresQuery {
  asOf: string;
  segment?: string | undefined;
  bands?: Array<"HEALTHY" | "ATTENTION" | "AT_RISK">;
  limit?: number;
}

/**
 * Each active customer's latest snapshot on or before `asOf` with its trailing-12-month revenue,
 * ordered by that revenue (the revenue at risk when the band is AT_RISK). One statement; the
 * latest snapshot is an index lookup per customer on (customer_id, as_of).
 */
const LATEST_CTES = `
WITH p AS (SELECT $1::date AS as_of, $2::text AS segment, $3::text[] AS bands),
active AS (
  SELECT c.id, c.external_id, c.name, c.segment, c.owner_id FROM customers c, p
  WHERE c.status = 'ACTIVE' AND c.customer_since <= p.as_of
    AND (c.churned_at IS NULL OR c.churned_at > p.as_of)
    AND (p.segment IS NULL OR lower(c.segment) = lower(p.segment))
),
-- The latest full scoring run (each stores its repeat-buying fit). A customer without a snapshot from
-- that run on has churned since (silent or ERP): its older score is history, not today's risk.
run AS (
  SELECT max(hm.as_of) AS as_of FROM health_models hm, p WHERE hm.kind = 'bgnbd' AND hm.as_of <= p.as_of
),
latest AS (
  SELECT a.*, s.score, s.band::text AS band, s.as_of::text AS scored_on, s.signals, s.churn_probability
  FROM active a, p, run,
  LATERAL (SELECT score, band, as_of, signals, churn_probability FROM health_snapshots hs
           WHERE hs.customer_id = a.id AND hs.as_of <= p.as_of ORDER BY hs.as_of DESC LIMIT 1) s
  WHERE (p.bands IS NULL OR s.band::text = ANY (p.bands))
    AND (run.as_of IS NULL OR s.as_of >= run.as_of)
),
rev AS (
  SELECT i.customer_id, sum(i.amount_cents)::float8 AS cents
  FROM invoices i JOIN latest l ON l.id = i.customer_id, p
  WHERE i.issued_on > p.as_of - 365 AND i.issued_on <= p.as_of
  GROUP BY i.customer_id
)`;

const LATEST_SCORES_SQL = `${LATEST_CTES}
SELECT l.id AS customer_id, l.external_id, l.name, l.segment, u.name AS owner_name, l.score, l.band,
       l.scored_on, COALESCE(rev.cents, 0) AS trailing_revenue_cents, l.signals,
       tb.as_of AS base_on, tb.score AS base_score, tb.confidence AS base_confidence
FROM latest l LEFT JOIN rev ON rev.customer_id = l.id LEFT JOIN users u ON u.id = l.owner_id
LEFT JOIN ${trendBaseLateral({ customer: "l.id", nowDate: "l.scored_on" })} tb ON true
ORDER BY COALESCE(rev.cents, 0) DESC, l.score ASC, l.id
LIMIT $4
`;

interface LatestScoreRow {
  customer_id: number;
  external_id: string;
  name: string;
  segment: string;
  owner_name: string | null;
  score: number;
  band: "HEALTHY" | "ATTENTION" | "AT_RISK";
  scored_on: string;
  trailing_revenue_cents: number;
  signals: unknown;
  base_on: string | null;
  base_score: number | null;
  base_confidence: number | null;
}

export async function queryLatestScores(
  sql: SqlSession,
  query: LatestScoresQuery,
): Promise<ScoredCustomerRow[]> {
  const rows = await sql.query<LatestScoreRow>(LATEST_SCORES_SQL, [
    query.asOf,
    query.segment ?? null,
    query.bands ?? null,
    query.limit ?? null,
  ]);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    externalId: row.external_id,
    name: row.name,
    segment: row.segment,
    ownerName: row.owner_name,
    score: Number(row.score),
    band: row.band,
    scoredOn: row.scored_on,
    trailingRevenueCents: Number(row.trailing_revenue_cents),
    signals: jsonColumn(row.signals),
    trend: scoreTrend(
      { date: row.scored_on, score: Number(row.score) },
      row.base_on === null
        ? null
        : { date: row.base_on, score: Number(row.base_score), confidence: Number(row.base_confidence) },
    ).delta,
  }));
}

/**
 * Sum of trailing-12-month revenue of active customers whose latest band is AT_RISK, and the date
 * of the newest snapshot on or before `asOf` (null: nobody was scored by then, so no figure exists).
 */
export async function queryRevenueAtRisk(
  sql: SqlSession,
  query: { asOf: string; segment?: string | undefined },
): Promise<{
  cents: number;
  customers: number;
  latestScoredOn: string | null;
  /** Σ trailing revenue × P(churn) over every scored customer: the expected loss. */
  expectedLossCents: number;
  /** Mean P(churn) of the at-risk customers, 0..1; null without any. */
  atRiskChurnProbability: number | null;
}> {
  const [row] = await sql.query<{
    cents: number;
    customers: number;
    latest_scored_on: string | null;
    expected_loss: number;
    at_risk_churn: number | null;
  }>(
    `${LATEST_CTES}
     SELECT COALESCE(sum(rev.cents) FILTER (WHERE l.band = 'AT_RISK'), 0)::float8 AS cents,
            count(*) FILTER (WHERE l.band = 'AT_RISK')::int AS customers,
            max(l.scored_on) AS latest_scored_on,
            COALESCE(sum(COALESCE(rev.cents, 0) * COALESCE(l.churn_probability, 1 - l.score / 100.0)), 0)::float8
              AS expected_loss,
            avg(COALESCE(l.churn_probability, 1 - l.score / 100.0)) FILTER (WHERE l.band = 'AT_RISK')::float8
              AS at_risk_churn
     FROM latest l LEFT JOIN rev ON rev.customer_id = l.id`,
    [query.asOf, query.segment ?? null, null],
  );
  return {
    cents: Number(row?.cents ?? 0),
    customers: Number(row?.customers ?? 0),
    latestScoredOn: row?.latest_scored_on ?? null,
    expectedLossCents: Number(row?.expected_loss ?? 0),
    atRiskChurnProbability:
      row?.at_risk_churn === null || row?.at_risk_churn === undefined ? null : Number(row.at_risk_churn),
  };
}
