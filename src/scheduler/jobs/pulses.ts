import { dailyPeriodKey } from "../../domain/period-keys.ts";
import { askOwnerPulses, remindOwnerPulses } from "../../services/pulses/ask-owner-pulses.ts";
import type { JobDefinition } from "../types.ts";

/**
 * `pulses.ask`, working days at 09:00: owners not yet asked this cadence period (monthly by default)
 * get their top accounts' pulses; once per customer and period whatever the number of runs.
 */
export const pulsesAskJob: JobDefinition = {
  id: "pulses.ask",
  cron: "0 9 * * 1-5",
  periodKey: dailyPeriodKey,
  async run(ctx) {
    await askOwnerPulses({ ctx });
  },
};

/** `pulses.remind`, working days at 09:30: one reminder for pulses unanswered after three days. */
export const pulsesRemindJob: JobDefinition = {
  id: "pulses.remind",
  cron: "30 9 * * 1-5",
  periodKey: dailyPeriodKey,
  async run(ctx) {
    await remindOwnerPulses({ ctx });
  },
};
