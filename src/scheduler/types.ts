import type { ServiceContext } from "../services/context.ts";

/**
 * A scheduled job (CONVENTIONS 8): an id, a cron expression in a time zone, a period key per slot
 * and a handler. Each (job id, period key) runs once across all instances: the run is claimed by
 * inserting a `job_runs` row under a unique constraint, so racing instances collide and the loser
 * skips. See src/scheduler/jobs/README.md for how to write one.
 */
export interface JobDefinition {
  /** Stable id, also the `job_runs.job_id`: "score.daily", "digest.weekly", … */
  id: string;
  /**
   * When it runs, node-cron syntax (5 fields, or 6 with seconds) in `timezone`. Day fields must be
   * plain numbers, ranges, lists or steps (no L, W or #), so the scheduler can find the last slot.
   */
  cron: string;
  /** Time zone of the cron expression and the period key; default the company's (ctx.timezone). */
  timezone?: (ctx: ServiceContext) => string;
  /**
   * The period a slot belongs to, e.g. the local date for a daily job or the ISO week for a weekly
   * one. Called with the slot's instant (not the wall clock), so a late or caught-up run still gets
   * the key of the slot it belongs to.
   */
  periodKey(slot: Date, timezone: string): string;
  /**
   * Catch-up at start (and after any gap): when the latest slot has no run yet, run it once.
   * Default true. False for jobs where a late run is worse than none.
   */
  catchUp?: boolean;
  /**
   * A claimed run that has not finished after this long is presumed dead (its instance crashed) and
   * may be claimed again. Default 30 minutes.
   */
  leaseMs?: number;
  /** A failed run is tried again, within the same period, after this long. Default 15 minutes. */
  retryAfterMs?: number;
  run(ctx: ServiceContext, run: JobRun): Promise<void>;
}

export interface JobRun {
  /** The wall clock when the run started (ctx.clock). */
  now: Date;
  /** The scheduled instant this run belongs to (≤ now; earlier when caught up). */
  slot: Date;
  periodKey: string;
  timezone: string;
  /** Who runs it (host:pid), e.g. to claim sub-runs with `claimJobRun`. */
  instanceId: string;
}
