import { claimJobRunRow, finishJobRunRow, type JobRunRow, listJobRunRows } from "../db/queries/job-runs.ts";
import type { ServiceContext } from "../services/context.ts";

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
  const staleBefore = new Date(now - (options.leaseMs ?? DEFAULT_LEASE_MS));
  const retryBefore = new Date(now - (options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
  const row = await claimJobRunRow(ctx.db.sql, {
    jobId,
    periodKey,
    instanceId,
    now: new Date(now),
    staleBefore,
    retryBefore,
  });
  if (!row) return null;
  return { runId: row.runId, jobId, periodKey, retry: row.retry };
}

export async function finishJobRun(ctx: ServiceContext, runId: number, error?: unknown): Promise<void> {
  const message =
    error === undefined ? null : error instanceof Error ? error.message || error.name : String(error);
  await finishJobRunRow(ctx.db.sql, runId, ctx.clock.now(), message);
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

export type { JobRunRow } from "../db/queries/job-runs.ts";

/** Runs of a job (or all), newest first: for tests, the CLI and the demo console. */
export async function listJobRuns(
  ctx: ServiceContext,
  options: { jobId?: string; limit?: number } = {},
): Promise<JobRunRow[]> {
  return listJobRunRows(ctx.db.sql, options);
}
