import type { HealthBand } from "../../domain/health/types.ts";
import type { SqlSession } from "../sql-session.ts";

/** One customer's standing on a scoring date, as `klantpuls score --csv` exports it. */
export interface ScoreExportRow {
  customerId: number;
  externalId: string;
  name: string;
  segment: string;
  /** Null when the customer has no snapshot on the date: it had churned (ERP or silent) by then. */
  score: number | null;
  band: HealthBand | null;
  churnProbability: number | null;
  confidence: number | null;
}

/**
 * Every customer that existed on `asOf` with its snapshot of exactly that date (a scoring run writes
 * one for every active customer and none for a churned one), by external id.
 */
export async function listScoresOn(sql: SqlSession, asOf: string): Promise<ScoreExportRow[]> {
  const rows = await sql.query<{
    id: number;
    external_id: string;
    name: string;
    segment: string;
    score: number | null;
    band: HealthBand | null;
    churn_probability: number | null;
    confidence: number | null;
  }>(
    `SELECT c.id, c.external_id, c.name, c.segment, s.score, s.band::text AS band,
            s.churn_probability::float8 AS churn_probability, s.confidence::float8 AS confidence
     FROM customers c
     LEFT JOIN health_snapshots s ON s.customer_id = c.id AND s.as_of = $1::date
     WHERE c.customer_since <= $1::date
     ORDER BY c.external_id`,
    [asOf],
  );
  return rows.map((row) => ({
    customerId: row.id,
    externalId: row.external_id,
    name: row.name,
    segment: row.segment,
    score: row.score,
    band: row.band,
    churnProbability: row.churn_probability,
    confidence: row.confidence,
  }));
}
