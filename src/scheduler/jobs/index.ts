import type { JobDefinition } from "../types.ts";
import { alertsNotifyJob, evaluateAlertsAfterScoring } from "./alerts.ts";
import { digestWeeklyJob } from "./digests.ts";
import { interactionsPruneJob } from "./interactions.ts";
import { pulsesAskJob, pulsesRemindJob } from "./pulses.ts";
import { type AfterScoringHook, scoreDailyJob } from "./score-daily.ts";
import { trackRecordRefreshJob } from "./track-record.ts";

export type { AfterScoringHook } from "./score-daily.ts";
export { SCORE_DAILY_JOB_ID, scoreDailyJob } from "./score-daily.ts";

/**
 * Hooks run after the daily scoring, in this order, inside the `score.daily` run. Alert evaluation
 * goes here (see README.md in this folder).
 */
export const afterScoringHooks: AfterScoringHook[] = [evaluateAlertsAfterScoring];

/**
 * Every scheduled job of the bot, in the order they run when several are due at once (scoring first:
 * the others read its snapshots). Add new jobs here; README.md in this folder says how to write one.
 */
export function scheduledJobs(): JobDefinition[] {
  return [
    scoreDailyJob({ afterScoring: afterScoringHooks }),
    alertsNotifyJob,
    digestWeeklyJob,
    pulsesAskJob,
    pulsesRemindJob,
    interactionsPruneJob,
    trackRecordRefreshJob,
  ];
}
