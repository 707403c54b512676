import type { DatabaseKind } from "../db/client.ts";
import { failInterruptedImports } from "../db/queries/interrupted-imports.ts";
import type { SqlSession } from "../db/sql-session.ts";

/** The `import_runs` record of one import: written when it starts, completed when it ends. */
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

/** The last imports, newest first; a run whose importer is gone is marked failed first. */
export async function listImportRuns(
  db: { kind: DatabaseKind; sql: SqlSession },
  limit = 20,
): Promise<ImportRunSummary[]> {
  await failInterruptedImports(db, { atStartUp: false });
  const rows = await db.sql.query<{
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
  }>(
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
