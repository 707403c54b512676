import { slotPeriodKey } from "../../domain/period-keys.ts";
import { sendDueDigests } from "../../services/digests/send-due-digests.ts";
import type { JobDefinition } from "../types.ts";

/**
 * `digest.weekly`, every 15 minutes: each subscription's digest goes out once its own weekly slot
 * (day, time, zone) has come, at most once per subscription and ISO week (the delivery key
 * `digest:<subscription>:<week>`); a slot missed while the bot was down is made up the same week.
 */
export const digestWeeklyJob: JobDefinition = {
  id: "digest.weekly",
  cron: "*/15 * * * *",
  periodKey: slotPeriodKey,
  async run(ctx) {
    await sendDueDigests({ ctx });
  },
};
