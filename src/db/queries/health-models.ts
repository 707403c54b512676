import type { BgNbdParams } from "../../domain/health/bgnbd.ts";
import type { HealthCalibration } from "../../domain/health/calibration.ts";
import type { TrackRecord } from "../../domain/health/track-record.ts";
import type { SqlSession } from "../sql-session.ts";

export type StoredModel =
  | { kind: "bgnbd"; asOf: string; params: BgNbdParams }
  | { kind: "calibration"; asOf: string; params: HealthCalibration }
  /** The latest backtest's figures, stored under the day it ran. */
  | { kind: "track-record"; asOf: string; params: TrackRecord };

/** Stores (or replaces) the model of one kind for one as-of date. */
export async function saveHealthModel(sql: SqlSession, model: StoredModel): Promise<void> {
  await sql.query(
    `INSERT INTO health_models (kind, as_of, params) VALUES ($1, $2::date, $3::jsonb)
     ON CONFLICT (kind, as_of) DO UPDATE SET params = EXCLUDED.params, created_at = now()`,
    [model.kind, model.asOf, JSON.stringify(model.params)],
  );
}

/** The latest model of a kind fitted for a date on or before `asOf` (never one that saw later data). */
export async function latestHealthModel<K extends StoredModel["kind"]>(
  sql: SqlSession,
  kind: K,
  asOf: string,
): Promise<Extract<StoredModel, { kind: K }> | null> {
  const [row] = await sql.query<{ as_of: string; params: unknown }>(
    `SELECT as_of::text AS as_of, params FROM health_models
     WHERE kind = $1 AND as_of <= $2::date ORDER BY as_of DESC LIMIT 1`,
    [kind, asOf],
  );
  if (!row) return null;
  // PGlite returns jsonb parsed; node-postgres too, but a text driver setting would give a string.
  const params = typeof row.params === "string" ? JSON.parse(row.params) : row.params;
  return { kind, asOf: row.as_of, params } as Extract<StoredModel, { kind: K }>;
}
