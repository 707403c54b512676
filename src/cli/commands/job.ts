import { AppError } from "../../app-error.ts";
import { countPendingDeliveries } from "../../db/queries/maintenance.ts";
import { scheduledJobs } from "../../scheduler/jobs/index.ts";
import { createScheduler } from "../../scheduler/scheduler.ts";
import { optionalDateOption, parseCliArgs } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls job list | klantpuls job run <id> [--as-of YYYY-MM-DD]";

/**
 * `klantpuls job run <id>`: run a scheduled job now (score.daily, alerts.notify, digest.weekly, …),
 * for today or, with `--as-of`, for that date; `job list` names the jobs. What the job sends goes to
 * the outbox, which the running bot delivers (the CLI has no Slack or Teams connection).
 */
export const jobCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { "as-of": { type: "string" } }, usage, true);
    const [action, jobId, ...extra] = positionals;
    const jobs = scheduledJobs();
    if (action === "list" && !jobId) {
      for (const job of jobs) io.out(`${job.id.padEnd(16)} ${job.cron}`);
      return 0;
    }
    if (action !== "run" || !jobId || extra.length > 0) {
      io.err(`Usage: ${usage}`);
      return 2;
    }
    if (!jobs.some((job) => job.id === jobId)) {
      throw new AppError(
        "BAD_INPUT",
        `unknown job "${jobId}". Jobs: ${jobs.map((job) => job.id).join(", ")}.\n\nUsage: ${usage}`,
      );
    }
    // --as-of: the job runs as on that day (the context's clock stops at its noon, company time zone).
    const ctx = await io.services({ asOf: optionalDateOption(values["as-of"], "as-of", usage) });
    const scheduler = createScheduler({ ctx, jobs });
    const outcome = await scheduler.runJobNow(jobId, ctx.clock.now());
    const pending = await countPendingDeliveries(ctx.db.sql);
    switch (outcome.outcome) {
      case "ran":
        io.out(
          `ran ${jobId} for ${outcome.periodKey}; ${pending} message(s) waiting in the outbox for the bot to send.`,
        );
        return 0;
      case "failed":
        io.err(`${jobId} failed for ${outcome.periodKey}: ${outcome.error ?? "unknown error"}`);
        return 1;
      case "skipped":
        io.out(`${jobId} for ${outcome.periodKey} is running elsewhere; skipped.`);
        return 0;
      case "not-due":
        io.err(`${jobId} did not run: ${outcome.reason}`);
        return 1;
    }
  },
};
