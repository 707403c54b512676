import type { HealthResult } from "../../domain/health/types.ts";
import type { SqlSession } from "../sql-session.ts";

export interface SnapshotRow {
  customerId: number;
  health: HealthResult;
}

/**
 * Stores one slice of snapshots for a date in one statement, replacing any the date already has for
 * those customers. The slice travels as one JSON document: the drivers' array encoding escapes every
 * character of every signal text in JavaScript, which cost more than the whole insert on the server.
 *
 * json_to_recordset over json (not jsonb): the column is json, so each signals document is stored as
 * the text sent, with no conversion to jsonb and back.
 *
 * Not COPY: a COPY into a temporary table and one INSERT … SELECT from it measured the same on
 * PostgreSQL and slower on PGlite (bench/core-bench.ts at 20k customers, two pairs of runs: 6.9–9.0×
 * the raw pass against 5.3–5.5×), when each snapshot carried ~2 KB of sentences. The signals now hold
 * their reasons as data (domain/health/reasons.ts), ~1 KB per snapshot.
 */
export async function saveHealthSnapshots(sql: SqlSession, asOf: string, rows: SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  const doc = rows.map((r) => ({
    customer_id: r.customerId,
    score: r.health.score,
    band: r.health.band,
    confidence: r.health.confidence,
    churn_probability: r.health.churnProbability,
    signals: r.health.signals,
  }));
  await sql.query(
    `INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, churn_probability, signals)
     SELECT customer_id, $1::date, score, band::"HealthBand", confidence, churn_probability, signals
     FROM json_to_recordset($2::json)
       AS t(customer_id int, score int, band text, confidence float8, churn_probability float8, signals json)
     ON CONFLICT (customer_id, as_of) DO UPDATE
       SET score = EXCLUDED.score, band = EXCLUDED.band, confidence = EXCLUDED.confidence,
           churn_probability = EXCLUDED.churn_probability, signals = EXCLUDED.signals, created_at = now()`,
    [asOf, JSON.stringify(doc)],
  );
}

/** A customer that churned has no score on that date (a re-run removes one written earlier). */
export async function removeHealthSnapshots(
  sql: SqlSession,
  asOf: string,
  customerIds: number[],
): Promise<void> {
  if (customerIds.length === 0) return;
  await sql.query(`DELETE FROM health_snapshots WHERE as_of = $1::date AND customer_id = ANY ($2::int[])`, [
    asOf,
    customerIds,
  ]);
}
