import { hostname } from "node:os";
import { type ScheduledTask, schedule } from "node-cron";
import { AppError } from "../app-error.ts";
import { isPeriodDone } from "../db/queries/job-runs.ts";
import { latestSlot, parseCron } from "../domain/cron-slots.ts";
import type { ServiceContext } from "../services/context.ts";
import { claimJobRun, finishJobRun } from "./job-runs.ts";
import type { JobDefinition } from "./types.ts";

/**
 * Runs the job definitions. The rule is the same for a cron tick, the start-up catch-up, the safety
 * sweep and a test: for each job, find its latest slot at or before now; if that slot's period has no
 * finished run, claim it in `job_runs` and run it. Claims make it once per period across instances;
 * "latest slot" makes a run missed while the bot was down happen once at start, not once per missed
 * slot.
 */

export type JobOutcome =
  | { jobId: string; outcome: "ran" | "failed" | "skipped"; periodKey: string; slot: Date; error?: string }
  | { jobId: string; outcome: "not-due"; reason: string };

export interface Scheduler {
  readonly instanceId: string;
  readonly jobs: readonly JobDefinition[];
  /** Start node-cron (one task per job in its time zone, plus a sweep) and catch up in the background. */
  start(): void;
  /** Stop ticking and wait for runs in progress. */
  stop(): Promise<void>;
  /** Run every job whose latest slot ≤ now has not run yet (the catch-up and what tests call). */
  runDueJobs(now?: Date, options?: { only?: string[] }): Promise<JobOutcome[]>;
  /**
   * Run one job now for the period of its latest slot (demo console "job <id>", admins). Runs even
   * when that period already ran; jobs are idempotent through their delivery keys.
   */
  runJobNow(jobId: string, now?: Date): Promise<JobOutcome>;
  /** The catch-up started by start(), for tests and an orderly shutdown. */
  readonly caughtUp: Promise<void>;
}

/** A slot older than this is "caught up", and jobs with `catchUp: false` leave it alone. */
const ON_TIME_MS = 5 * 60_000;
/** Every few minutes all jobs are checked: a failed run retries, a missed tick is made good. */
const SWEEP_CRON = "*/5 * * * *";

export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}`;
}

export function createScheduler(options: {
  ctx: ServiceContext;
  jobs: readonly JobDefinition[];
  instanceId?: string;
}): Scheduler {
  const { ctx, jobs } = options;
  const instanceId = options.instanceId ?? defaultInstanceId();
  const log = ctx.log.child({ component: "scheduler", instanceId });
  const ids = new Set<string>();
  for (const job of jobs) {
    if (ids.has(job.id)) throw new AppError("CONFIG", `two scheduled jobs have the id "${job.id}"`);
    ids.add(job.id);
    parseCron(job.cron);
  }
  const byId = new Map(jobs.map((job) => [job.id, job]));
  // One run of a job at a time in this instance; other instances are kept out by the claim.
  const inFlight = new Map<string, Promise<JobOutcome>>();
  const tasks: ScheduledTask[] = [];
  let caughtUp: Promise<void> = Promise.resolve();
  let stopped = false;

  const timezoneOf = (job: JobDefinition) => job.timezone?.(ctx) ?? ctx.timezone;

  async function execute(job: JobDefinition, now: Date, force: boolean): Promise<JobOutcome> {
    const timezone = timezoneOf(job);
    const slot = latestSlot(job.cron, timezone, now) ?? (force ? now : null);
    if (!slot) return { jobId: job.id, outcome: "not-due", reason: "no slot in the last 13 months" };
    const late = now.getTime() - slot.getTime() > ON_TIME_MS;
    if (late && job.catchUp === false && !force) {
      return { jobId: job.id, outcome: "not-due", reason: "missed slot; this job does not catch up" };
    }
    const periodKey = job.periodKey(slot, timezone);
    if (!force && (await periodDone(ctx, job.id, periodKey))) {
      return { jobId: job.id, outcome: "skipped", periodKey, slot };
    }
    const claim = await claimJobRun(ctx, job.id, periodKey, instanceId, job);
    if (!claim && !force) return { jobId: job.id, outcome: "skipped", periodKey, slot };
    const started = performance.now();
    log.info({ jobId: job.id, periodKey, slot, late, retry: claim?.retry, forced: force }, "job run started");
    try {
      await job.run(ctx, { now, slot, periodKey, timezone, instanceId });
      if (claim) await finishJobRun(ctx, claim.runId);
      log.info({ jobId: job.id, periodKey, ms: Math.round(performance.now() - started) }, "job run finished");
      return { jobId: job.id, outcome: "ran", periodKey, slot };
    } catch (error) {
      log.error({ err: error, jobId: job.id, periodKey }, "job run failed");
      if (claim) await finishJobRun(ctx, claim.runId, error);
      return { jobId: job.id, outcome: "failed", periodKey, slot, error: String(error) };
    }
  }

  function once(job: JobDefinition, now: Date, force: boolean): Promise<JobOutcome> {
    const running = inFlight.get(job.id);
    if (running !== undefined) return running.then(() => execute(job, now, force));
    const run = execute(job, now, force).finally(() => inFlight.delete(job.id));
    inFlight.set(job.id, run);
    return run;
  }

  async function runDueJobs(now = ctx.clock.now(), only?: { only?: string[] }): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    // In registry order: daily scoring before the jobs that read its snapshots.
    for (const job of jobs) {
      if (only?.only && !only.only.includes(job.id)) continue;
      outcomes.push(await once(job, now, false));
    }
    return outcomes;
  }

  const tick = (jobIds?: string[]) => {
    if (stopped) return;
    runDueJobs(ctx.clock.now(), jobIds ? { only: jobIds } : undefined).catch((error: unknown) =>
      log.error({ err: error }, "scheduler tick failed"),
    );
  };

  return {
    instanceId,
    jobs,
    get caughtUp() {
      return caughtUp;
    },
    start() {
      stopped = false;
      for (const job of jobs) {
        tasks.push(
          schedule(job.cron, () => tick([job.id]), {
            name: `klantpuls:${job.id}`,
            timezone: timezoneOf(job),
            noOverlap: true,
          }),
        );
      }
      tasks.push(schedule(SWEEP_CRON, () => tick(), { name: "klantpuls:sweep", noOverlap: true }));
      caughtUp = runDueJobs()
        .then((outcomes) => {
          const ran = outcomes.filter((outcome) => outcome.outcome === "ran").map((o) => o.jobId);
          log.info({ jobs: jobs.length, caughtUp: ran }, "scheduler started");
        })
        .catch((error: unknown) => log.error({ err: error }, "scheduler catch-up failed"));
    },
    async stop() {
      stopped = true;
      for (const task of tasks.splice(0)) await task.destroy();
      await caughtUp;
      await Promise.allSettled([...inFlight.values()]);
    },
    runDueJobs,
    async runJobNow(jobId, now = ctx.clock.now()) {
      const job = byId.get(jobId);
      if (!job) {
        throw new AppError("NOT_FOUND", `no job "${jobId}"; jobs: ${[...byId.keys()].join(", ")}`);
      }
      return once(job, now, true);
    },
  };
}

/** True when the period has a finished run without error (the cheap check before claiming). */
async function periodDone(ctx: ServiceContext, jobId: string, periodKey: string): Promise<boolean> {
  return isPeriodDone(ctx.db.sql, jobId, periodKey);
}
