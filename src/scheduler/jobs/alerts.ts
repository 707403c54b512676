import { slotPeriodKey } from "../../domain/period-keys.ts";
import { escalateAlerts } from "../../services/alerts/escalate-alerts.ts";
import { evaluateAlerts } from "../../services/alerts/evaluate-alerts.ts";
import { pushAlertMessages } from "../../services/alerts/push-alert-messages.ts";
import { reopenSnoozedAlerts } from "../../services/alerts/reopen-snoozed-alerts.ts";
import type { JobDefinition } from "../types.ts";
import type { AfterScoringHook } from "./score-daily.ts";

/**
 * After the daily scoring: open and resolve alerts from today's snapshots, re-open ended snoozes,
 * then send the DMs that may go now (the rest wait for working hours in `alerts.notify`).
 * Idempotent: a retried run finds the alerts open and the DMs in the outbox.
 */
export const evaluateAlertsAfterScoring: AfterScoringHook = async function evaluateAlertsAfterScoring(
  ctx,
  { asOf },
) {
  await evaluateAlerts({ ctx, asOf });
  await reopenSnoozedAlerts({ ctx });
  await pushAlertMessages({ ctx });
};

/**
 * `alerts.notify`, every 15 minutes: ended snoozes re-open, waiting DMs go out once the owner's
 * working hours begin (within the daily budget), and alerts DM'd but unacknowledged for two working
 * days are escalated once. Each step is idempotent; a late or repeated run is harmless.
 */
export const alertsNotifyJob: JobDefinition = {
  id: "alerts.notify",
  cron: "*/15 * * * *",
  periodKey: slotPeriodKey,
  async run(ctx) {
    await reopenSnoozedAlerts({ ctx });
    await pushAlertMessages({ ctx });
    await escalateAlerts({ ctx });
  },
};
