import type { ManualClock } from "../clock.ts";
import type { DeliveryDispatcher } from "../delivery/dispatcher.ts";
import type { JobOutcome, Scheduler } from "./scheduler.ts";

/** Help lines for the demo console. */
export const schedulerConsoleHelp = `  tijd +1d / time +2h         move the demo clock (d, h, m) and run what became due
  job <id>                    run a job now (jobs: list them)`;

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/**
 * Demo console commands to see the proactive side without waiting for it: move the (manual) clock,
 * which runs the jobs that became due and sends what they wrote to the outbox, or run a job now.
 * Returns true when the line was one of these.
 */
export function schedulerConsoleCommands(options: {
  clock: ManualClock;
  scheduler: Scheduler;
  dispatcher: DeliveryDispatcher;
  timezone: string;
}): (line: string, print: (text: string) => void) => Promise<boolean> {
  const { clock, scheduler, dispatcher } = options;
  const when = () =>
    new Intl.DateTimeFormat("nl-NL", {
      timeZone: options.timezone,
      dateStyle: "full",
      timeStyle: "short",
    }).format(clock.now());

  const report = async (outcomes: JobOutcome[], print: (text: string) => void) => {
    for (const outcome of outcomes) {
      if (outcome.outcome === "ran") print(`ran ${outcome.jobId} for ${outcome.periodKey}`);
      if (outcome.outcome === "failed") print(`${outcome.jobId} failed: ${outcome.error}`);
    }
    const sent = await dispatcher.drain();
    if (sent.claimed > 0) {
      print(`deliveries: ${sent.sent} sent, ${sent.retrying} to retry, ${sent.failed} failed`);
    }
  };

  return async (line, print) => {
    const words = line.trim().split(/\s+/);
    const [command = "", argument] = words;
    if ((command === "tijd" || command === "time") && words.length <= 2) {
      if (argument) {
        const match = /^\+(\d+)([dhm])$/.exec(argument);
        if (!match) {
          print("Use e.g. tijd +1d, tijd +3h or tijd +30m.");
          return true;
        }
        clock.advance(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
      }
      print(`It is now ${when()}.`);
      if (argument) await report(await scheduler.runDueJobs(clock.now()), print);
      return true;
    }
    if (command === "jobs" && words.length === 1) {
      for (const job of scheduler.jobs) print(`  ${job.id}  (${job.cron})`);
      return true;
    }
    if (command === "job" && argument && words.length === 2) {
      await report([await scheduler.runJobNow(argument, clock.now())], print);
      return true;
    }
    return false;
  };
}
