import type { DatabaseKind } from "../client.ts";
import type { SqlSession } from "../sql-session.ts";

/**
 * An import writes its `import_runs` row as 'running' and completes it when it ends. A process killed
 * in between (kill -9, OOM, a lost container) never completes it, and the run would say 'running' for
 * ever. Its transaction was rolled back by the database, so nothing of it was written; these
 * functions find such runs and mark them failed.
 *
 * On PostgreSQL the importing transaction holds an advisory lock keyed on its run id; the lock dies
 * with the session, so a 'running' run whose lock is free has no process behind it (several bot
 * instances may share the database, so "running at start-up" alone proves nothing). On PGlite one
 * process owns the data directory: at start-up no import of this process has begun, so every
 * 'running' run is left over.
 */
const RUN_LOCK_NAMESPACE = 72707371; // next to the per-kind import lock (72707370)

export const INTERRUPTED_REASON =
  "interrupted: the importing process stopped before the import finished; nothing of it was written";

/** Held by the importing transaction until it commits or rolls back (or its session dies). */
export async function holdImportRunLock(tx: SqlSession, runId: number): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [RUN_LOCK_NAMESPACE, runId]);
}

/**
 * Marks left-over 'running' imports failed and returns how many. `atStartUp`: this process has just
 * opened the database and started no import yet (the only moment this is safe on PGlite).
 */
export async function failInterruptedImports(
  db: { kind: DatabaseKind; sql: SqlSession },
  options: { atStartUp: boolean },
): Promise<number> {
  if (db.kind === "pglite" && !options.atStartUp) return 0;
  const lockFree =
    db.kind === "postgres" ? "AND pg_try_advisory_xact_lock($2::int, id::int)" : "AND $2::int IS NOT NULL";
  const rows = await db.sql.query<{ id: number }>(
    `UPDATE import_runs
        SET status = 'failed', errors = jsonb_build_array(jsonb_build_object('line', 0, 'reason', $1::text))
      WHERE status = 'running' ${lockFree}
      RETURNING id`,
    [INTERRUPTED_REASON, RUN_LOCK_NAMESPACE],
  );
  return rows.length;
}
