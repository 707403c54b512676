import type { ServiceContext } from "../services/context.ts";
import { sqlInstant, sqlTimestamp, toDate } from "../services/deliveries/timestamps.ts";

/**
 * Claims in `job_runs`: one row per (job id, period key) under a unique constraint. Whoever inserts
 * the row runs the period; a racing instance hits the constraint and skips. A claim can be taken over
 * only when its run is presumed dead (unfinished after the lease) or failed (after a pause), so a
 * crash or an error never loses a period and a healthy run never happens twice.
 */

export const DEFAULT_LEASE_MS = 30 * 60_000;
export const DEFAULT_RETRY_AFTER_MS = 15 * 60_000;

export interface JobRunClaim {
  runId: number;
  jobId: string;
  periodKey: string;
  /** True when this claim took over a dead or failed earlier run of the same period. */
  retry: boolean;
}

export async function claimJobRun(
  ctx: ServiceContext,
  jobId: string,
  periodKey: string,
  instanceId: string,
  options: { leaseMs?: number; retryAfterMs?: number } = {},
): Promise<JobRunClaim | null> {
  const now = ctx.clock.now().getTime();
  const staleBefore = new Date(now - (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  const retryBefore = new Date(now - (options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS)).toISOString();
  // `xmax <> 0` tells an update (a takeover) from a fresh insert.
  const [row] = await ctx.db.sql.query<{ id: number; retry: boolean }>(
    `INSERT INTO job_runs (job_id, period_key, claimed_by, started_at)
     VALUES ($1, $2, $3, ${sqlTimestamp("$4")})
     ON CONFLICT (job_id, period_key) DO UPDATE
       SET claimed_by = EXCLUDED.claimed_by, started_at = EXCLUDED.started_at,
           finished_at = NULL, error = NULL
       WHERE (job_runs.finished_at IS NULL AND job_runs.started_at < ${sqlTimestamp("$5")})
          OR (job_runs.error IS NOT NULL AND job_runs.finished_at < ${sqlTimestamp("$6")})
     RETURNING id, (xmax <> 0) AS retry`,
    [jobId, periodKey, instanceId, new Date(now).toISOString(), staleBefore, retryBefore],
  );
  if (!row) return null;
  return { runId: Number(row.id), jobId, periodKey, retry: Boolean(row.retry) };
}

export async function finishJobRun(ctx: ServiceContext, runId: number, error?: unknown): Promise<void> {
  const message =
    error === undefined ? null : error instanceof Error ? error.message || error.name : String(error);
  await ctx.db.sql.query(
    `UPDATE job_runs SET finished_at = ${sqlTimestamp("$2")}, error = $3 WHERE id = $1`,
    [runId, ctx.clock.now().toISOString(), message],
  );
}

export type ClaimedRunOutcome = "ran" | "skipped" | "failed";

/**
 * Claim, run, record. For sub-runs inside a job, e.g. one digest per subscription and week:
 * `runClaimed(ctx, { jobId: "digest", periodKey: \`digest:${id}:${week}\`, instanceId }, work)`.
 * A failure is logged and recorded on the row (retried later), not thrown, so one bad subscription
 * does not stop the others.
 */
export async function runClaimed(
  ctx: ServiceContext,
  claim: { jobId: string; periodKey: string; instanceId: string; leaseMs?: number; retryAfterMs?: number },
  work: (claimed: JobRunClaim) => Promise<void>,
): Promise<ClaimedRunOutcome> {
  const claimed = await claimJobRun(ctx, claim.jobId, claim.periodKey, claim.instanceId, claim);
  if (!claimed) return "skipped";
  try {
    await work(claimed);
    await finishJobRun(ctx, claimed.runId);
    return "ran";
  } catch (error) {
    ctx.log.error({ err: error, jobId: claim.jobId, periodKey: claim.periodKey }, "job run failed");
    await finishJobRun(ctx, claimed.runId, error);
    return "failed";
  }
}

export interface JobRunRow {
  jobId: string;
  periodKey: string;
  claimedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** Runs of a job (or all), newest first: for tests, the CLI and the demo console. */
export async function listJobRuns(
  ctx: ServiceContext,
  options: { jobId?: string; limit?: number } = {},
): Promise<JobRunRow[]> {
  const rows = await ctx.db.sql.query<{
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
