import type { ManualClock } from "../clock.ts";
import { localParts } from "../domain/alerts/local-time.ts";
import { formatDate } from "../domain/format.ts";
import type { Locale, MessageKey, Translate } from "../i18n/index.ts";
import type { JobOutcome, Scheduler } from "../scheduler/scheduler.ts";
import type { DeliveryDispatcher } from "../services/deliveries/dispatcher.ts";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/**
 * Demo console commands to see the proactive side without waiting for it: move the (manual) clock,
 * which runs the jobs that became due and sends what they wrote to the outbox, or run a job now.
 * Returns true when the line was one of these. Their help lines are part of the console's help.
 */
export function schedulerConsoleCommands(options: {
  clock: ManualClock;
  scheduler: Scheduler;
  dispatcher: DeliveryDispatcher;
  timezone: string;
  locale: Locale;
}): (line: string, print: (text: string) => void, t: Translate) => Promise<boolean> {
  const { clock, scheduler, dispatcher } = options;
  // "dinsdag 1 december 2026 05:00": the project's own date format, in the company's time zone.
  const when = (t: Translate) => {
    const local = localParts(clock.now(), options.timezone);
    const day = t(`digest.day.${local.weekday}` as MessageKey);
    return `${day} ${formatDate(local.date, options.locale)} ${local.time}`;
  };

  const report = async (outcomes: JobOutcome[], print: (text: string) => void, t: Translate) => {
    for (const outcome of outcomes) {
      if (outcome.outcome === "ran")
        print(t("console.jobRan", { job: outcome.jobId, period: outcome.periodKey }));
      if (outcome.outcome === "failed")
        print(t("console.jobFailed", { job: outcome.jobId, error: outcome.error ?? "" }));
    }
    const sent = await dispatcher.drain();
    if (sent.claimed > 0) {
      print(t("console.deliveries", { sent: sent.sent, retrying: sent.retrying, failed: sent.failed }));
    }
  };

  return async (line, print, t) => {
    const words = line.trim().split(/\s+/);
    const [command = "", argument] = words;
    if ((command === "tijd" || command === "time" || command === "temps") && words.length <= 2) {
      if (argument) {
        const match = /^\+(\d+)([dhm])$/.exec(argument);
        if (!match) {
          print(t("console.clockUsage"));
          return true;
        }
        clock.advance(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
      }
      print(t("console.clockNow", { when: when(t) }));
      if (argument) await report(await scheduler.runDueJobs(clock.now()), print, t);
      return true;
    }
    if (command === "jobs" && words.length === 1) {
      for (const job of scheduler.jobs) print(`  ${job.id}  (${job.cron})`);
      return true;
    }
    if (command === "job" && argument && words.length === 2) {
      await report([await scheduler.runJobNow(argument, clock.now())], print, t);
      return true;
    }
    return false;
  };
}
