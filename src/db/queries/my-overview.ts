import { scoreTrend } from "../../domain/trend.ts";
import type { SqlSession } from "../sql-session.ts";
import { trendBaseLateral } from "./score-trend.ts";

export interface MyCustomerRow {
  id: number;
  externalId: string;
  name: string;
  score: number | null;
  band: "HEALTHY" | "ATTENTION" | "AT_RISK" | null;
  scoredOn: string | null;
  /** The trend of the latest snapshot (src/domain/trend.ts); null without 30 days of history. */
  trend: number | null;
}

export interface MyAlertRow {
  id: number;
  kind: string;
  openedAt: string;
  customerId: number;
  customerName: string;
}

/**
 * The active customers a user owns, worst first (at risk, attention, healthy, not scored), with the
 * latest snapshot on or before `asOf` and its trend (the one definition in src/domain/trend.ts).
 */
export async function queryMyCustomers(
  sql: SqlSession,
  options: { userId: number; asOf: string; limit: number },
): Promise<{ total: number; rows: MyCustomerRow[] }> {
  const rows = await sql.query<{
    id: number;
    external_id: string;
    name: string;
    score: number | null;
    band: MyCustomerRow["band"];
    scored_on: string | null;
    base_on: string | null;
    base_score: number | null;
    base_confidence: number | null;
    total: number;
  }>(
    `SELECT c.id, c.external_id, c.name, s.score, s.band::text AS band, s.as_of::text AS scored_on,
            b.as_of AS base_on, b.score AS base_score, b.confidence AS base_confidence,
            count(*) OVER ()::int AS total
     FROM customers c
     LEFT JOIN LATERAL (
       SELECT score, band, as_of FROM health_snapshots
       WHERE customer_id = c.id AND as_of <= $2::date ORDER BY as_of DESC LIMIT 1
     ) s ON true
     LEFT JOIN ${trendBaseLateral({ customer: "c.id", nowDate: "s.as_of" })} b ON true
     WHERE c.owner_id = $1 AND c.status = 'ACTIVE'
     ORDER BY CASE s.band WHEN 'AT_RISK' THEN 0 WHEN 'ATTENTION' THEN 1 WHEN 'HEALTHY' THEN 2 ELSE 3 END,
              s.score NULLS LAST, c.name
     LIMIT $3`,
    [options.userId, options.asOf, options.limit],
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      id: Number(row.id),
      externalId: row.external_id,
      name: row.name,
      score: row.score,
      band: row.band,
      scoredOn: row.scored_on,
      trend: scoreTrend(
        row.score === null || row.scored_on === null ? null : { date: row.scored_on, score: row.score },
        row.base_on === null
          ? null
          : { date: row.base_on, score: Number(row.base_score), confidence: Number(row.base_confidence) },
      ).delta,
    })),
  };
}

/** Open alerts assigned to the user, or unassigned on customers the user owns; newest first. */
export async function queryMyOpenAlerts(
  sql: SqlSession,
  options: { userId: number; limit: number },
): Promise<{ total: number; rows: MyAlertRow[] }> {
  const rows = await sql.query<{
    id: number;
    kind: string;
    opened_at: string;
    customer_id: number;
    customer_name: string;
    total: number;
  }>(
    `SELECT a.id, a.kind, to_char(a.opened_at, 'YYYY-MM-DD') AS opened_at, c.id AS customer_id,
            c.name AS customer_name, count(*) OVER ()::int AS total
     FROM alerts a JOIN customers c ON c.id = a.customer_id
     WHERE a.status = 'OPEN' AND (a.assignee_id = $1 OR (a.assignee_id IS NULL AND c.owner_id = $1))
     ORDER BY a.opened_at DESC
     LIMIT $2`,
    [options.userId, options.limit],
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      openedAt: row.opened_at,
      customerId: Number(row.customer_id),
      customerName: row.customer_name,
    })),
  };
}
