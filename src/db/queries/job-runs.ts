import type { SqlSession } from "../sql-session.ts";
import { sqlInstant, sqlTimestamp, toDate } from "../timestamps.ts";

/**
 * The job runs repository: one row per (job id, period key) under a unique constraint, the claim
 * the scheduler's instances race for (src/scheduler/job-runs.ts says when a claim may be taken over).
 */

/**
 * Insert the claim, or take over one whose run is presumed dead (unfinished, started before
 * `staleBefore`) or failed (finished with an error before `retryBefore`). Null: someone else has it.
 */
export async function claimJobRunRow(
  sql: SqlSession,
  claim: {
    jobId: string;
    periodKey: string;
    instanceId: string;
    now: Date;
    staleBefore: Date;
    retryBefore: Date;
  },
): Promise<{ runId: number; retry: boolean } | null> {
  // `xmax <> 0` tells an update (a takeover) from a fresh insert.
  const [row] = await sql.query<{ id: number; retry: boolean }>(
    `INSERT INTO job_runs (job_id, period_key, claimed_by, started_at)
     VALUES ($1, $2, $3, ${sqlTimestamp("$4")})
     ON CONFLICT (job_id, period_key) DO UPDATE
       SET claimed_by = EXCLUDED.claimed_by, started_at = EXCLUDED.started_at,
           finished_at = NULL, error = NULL
       WHERE (job_runs.finished_at IS NULL AND job_runs.started_at < ${sqlTimestamp("$5")})
          OR (job_runs.error IS NOT NULL AND job_runs.finished_at < ${sqlTimestamp("$6")})
     RETURNING id, (xmax <> 0) AS retry`,
    [
      claim.jobId,
      claim.periodKey,
      claim.instanceId,
      claim.now.toISOString(),
      claim.staleBefore.toISOString(),
      claim.retryBefore.toISOString(),
    ],
  );
  return row ? { runId: Number(row.id), retry: Boolean(row.retry) } : null;
}

/** Record the end of a run: `error` null for success. */
export async function finishJobRunRow(
  sql: SqlSession,
  runId: number,
  finishedAt: Date,
  error: string | null,
): Promise<void> {
  await sql.query(`UPDATE job_runs SET finished_at = ${sqlTimestamp("$2")}, error = $3 WHERE id = $1`, [
    runId,
    finishedAt.toISOString(),
    error,
  ]);
}

/** True when the period has a finished run without error. */
export async function isPeriodDone(sql: SqlSession, jobId: string, periodKey: string): Promise<boolean> {
  const [row] = await sql.query<{ done: boolean }>(
    "SELECT (finished_at IS NOT NULL AND error IS NULL) AS done FROM job_runs WHERE job_id = $1 AND period_key = $2",
    [jobId, periodKey],
  );
  return Boolean(row?.done);
}

export interface JobRunRow {
  jobId: string;
  periodKey: string;
  claimedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** Runs of a job (or all), newest first. */
export async function listJobRunRows(
  sql: SqlSession,
  options: { jobId?: string; limit?: number } = {},
): Promise<JobRunRow[]> {
  const rows = await sql.query<{
    job_id: string;
    period_key: string;
    claimed_by: string;
    started_at: Date | string;
    finished_at: Date | string | null;
    error: string | null;
  }>(
    `SELECT job_id, period_key, claimed_by, ${sqlInstant("started_at")} AS started_at,
            ${sqlInstant("finished_at")} AS finished_at, error
     FROM job_runs WHERE ($1::text IS NULL OR job_id = $1)
     ORDER BY started_at DESC, id DESC LIMIT $2`,
    [options.jobId ?? null, options.limit ?? 100],
  );
  return rows.map((row) => ({
    jobId: row.job_id,
    periodKey: row.period_key,
    claimedBy: row.claimed_by,
    startedAt: toDate(row.started_at) as Date,
    finishedAt: toDate(row.finished_at),
    error: row.error,
  }));
}
