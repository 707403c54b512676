import type { SqlSession } from "../sql-session.ts";

/**
 * The `import_runs` repository: the record of one import, written as 'running' when it starts and
 * completed when it ends, and the list of the last ones. Runs whose process died are found and
 * marked failed in interrupted-imports.ts.
 */

/** Write the run as 'running'; returns its id. */
export async function startImportRun(
  sql: SqlSession,
  run: { kind: string; source: string; dryRun: boolean },
): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO import_runs (kind, source, dry_run, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
    [run.kind, run.source, run.dryRun],
  );
  return Number(row!.id);
}

/** Complete the run: its outcome, counts and errors (stored as JSON), finished now. */
export async function finishImportRun(
  sql: SqlSession,
  id: number,
  result: {
    status: string;
    rowsRead: number;
    inserted: number;
    updated: number;
    unchanged: number;
    invalid: number;
    errors: unknown;
    durationMs: number;
  },
): Promise<void> {
  await sql.query(
    `UPDATE import_runs
        SET status = $2, rows_read = $3, inserted = $4, updated = $5, unchanged = $6, invalid = $7,
            errors = $8::jsonb, finished_at = now(), duration_ms = $9
      WHERE id = $1`,
    [
      id,
      result.status,
      result.rowsRead,
      result.inserted,
      result.updated,
      result.unchanged,
      result.invalid,
      JSON.stringify(result.errors),
      Math.round(result.durationMs),
    ],
  );
}

export interface ImportRunSummary {
  id: number;
  kind: string;
  source: string;
  dryRun: boolean;
  status: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  startedAt: string;
  durationMs: number | null;
  /** Why a failed run failed (the file error, or that its process was killed). */
  failure: string | null;
}

interface ImportRunRow {
  id: number;
  kind: string;
  source: string;
  dry_run: boolean;
  status: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  started_at: string;
  duration_ms: number | null;
  failure: string | null;
}

/** The last `limit` runs as stored, newest first. */
export async function listImportRunRows(sql: SqlSession, limit: number): Promise<ImportRunSummary[]> {
  const rows = await sql.query<ImportRunRow>(
    `SELECT id, kind, source, dry_run, status, rows_read, inserted, updated, unchanged, invalid,
            started_at::text AS started_at, duration_ms,
            CASE WHEN status = 'failed' THEN errors -> 0 ->> 'reason' END AS failure
       FROM import_runs ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    source: row.source,
    dryRun: row.dry_run,
    status: row.status,
    rowsRead: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    invalid: row.invalid,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    failure: row.failure ?? null,
  }));
}
