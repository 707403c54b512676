import { dailyPeriodKey } from "../../domain/period-keys.ts";
import type { ServiceContext } from "../../services/context.ts";
import { type ScoreCustomersResult, scoreCustomers } from "../../services/score-customers.ts";
import type { JobDefinition, JobRun } from "../types.ts";

/**
 * What runs after the daily scoring, in order, in the same job run (alert evaluation lives here).
 * A hook must be idempotent: a failed run is retried, scoring and hooks again, within the day.
 */
export type AfterScoringHook = (
  ctx: ServiceContext,
  scored: { asOf: string; result: ScoreCustomersResult; run: JobRun },
) => Promise<void>;

export const SCORE_DAILY_JOB_ID = "score.daily";

/**
 * `score.daily`: every morning, score all active customers as of the slot's local date (so a run
 * caught up after a night offline scores the day it was meant for), then run the hooks. The time
 * leaves the night for ERP imports.
 */
export function scoreDailyJob(
  options: { cron?: string; afterScoring?: AfterScoringHook[] } = {},
): JobDefinition {
  const hooks = options.afterScoring ?? [];
  return {
    id: SCORE_DAILY_JOB_ID,
    cron: options.cron ?? "0 6 * * *",
    periodKey: dailyPeriodKey,
    async run(ctx, run) {
      const asOf = run.periodKey;
      const result = await scoreCustomers({ ctx, asOf });
      // Every hook gets its turn even when an earlier one fails; the run still counts as failed.
      const failures: unknown[] = [];
      for (const hook of hooks) {
        try {
          await hook(ctx, { asOf, result, run });
        } catch (error) {
          ctx.log.error({ err: error, asOf, hook: hook.name }, "after-scoring hook failed");
          failures.push(error);
        }
      }
      if (failures.length > 0) {
        throw new AggregateError(failures, `${failures.length} after-scoring hook(s) failed`);
      }
    },
  };
}
