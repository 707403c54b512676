import { listSentAlertDeliveries } from "../../db/queries/outbox.ts";
import { toLocale } from "../../i18n/index.ts";
import { type AlertCardView, alertCard } from "../../views/alert-card.ts";
import type { ServiceContext } from "../context.ts";
import { updateDeliveredMessage } from "../deliveries/update-delivery.ts";
import { proactiveSettings } from "./proactive-settings.ts";

export interface RefreshResult {
  /** Messages replaced on their platform. */
  updated: number;
  /** Messages that could not be (platform error, conversation gone); logged, not retried. */
  failed: number;
}

/**
 * After alerts were acted on, replace the alert messages Klantpuls sent about them (the owner's DM, a
 * DM after a snooze re-opened it, a hand-over DM, an escalation to a manager or channel) with the new
 * state, so nobody is left looking at buttons for something already handled. A click on a message is
 * shown in place by the platform layer itself; `skipUserId` leaves the clicker's own DMs to it, so the
 * clicked message is not replaced twice. Best effort: the action has happened whatever this says.
 *
 * Messages are found by their outbox key (`alert:<first alert id>:…`, see push-alert-messages.ts and
 * escalate-alerts.ts) and re-rendered in the language they were sent in.
 */
export async function refreshAlertMessages(options: {
  ctx: ServiceContext;
  alertIds: number[];
  /** The alerts' card with the outcome line ("✅ bevestigd door Jan om 10:32"). */
  view: AlertCardView;
  skipUserId?: number;
}): Promise<RefreshResult> {
  const { ctx, alertIds, view, skipUserId } = options;
  const result: RefreshResult = { updated: 0, failed: 0 };
  try {
    const rows = await listSentAlertDeliveries(ctx.db.sql, alertIds);
    const workingDays = proactiveSettings(ctx).alerts.escalateAfterWorkingDays;
    for (const row of rows) {
      const target = JSON.parse(row.target) as { kind: string; userId?: number };
      if (skipUserId !== undefined && target.kind === "user" && Number(target.userId) === skipUserId)
        continue;
      const occasion = row.key.split(":")[2];
      const locale = toLocale(row.locale);
      // The same kind of message as the one sent, only with the new state.
      const message = alertCard(
        {
          ...view,
          escalated: occasion === "escalated" ? { workingDays } : undefined,
          reopened: occasion === "reopened",
        },
        locale,
        "dm",
      );
      const outcome = await updateDeliveredMessage({ ctx, key: row.key, message, locale });
      if (outcome.updated) result.updated += 1;
      else {
        result.failed += 1;
        ctx.log.info({ key: row.key, reason: outcome.reason }, "alert message not updated");
      }
    }
  } catch (error) {
    ctx.log.warn({ err: error, alertIds }, "updating the sent alert messages failed");
  }
  return result;
}
