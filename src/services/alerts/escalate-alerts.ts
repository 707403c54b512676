import { isoDateIn } from "../../clock.ts";
import {
  type EscalationCandidate,
  listEscalationCandidates,
  markAlertsEscalated,
} from "../../db/queries/alert-notifications.ts";
import { listActiveChannelSubscriptions } from "../../db/queries/digest-subscriptions.ts";
import { escalationDueAt } from "../../domain/alerts/noise.ts";
import { toLocale } from "../../i18n/index.ts";
import { alertCard } from "../../views/alert-card.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueDelivery, enqueueForUser } from "../deliveries/enqueue-delivery.ts";
import { channelsForSegment } from "../digests/digest-subscriptions.ts";
import { loadAlertCards } from "./load-alert-cards.ts";
import { proactiveSettings } from "./proactive-settings.ts";

/**
 * Alerts that were DM'd and that nobody acknowledged (nor snoozed) within the working days go once,
 * by DM, to the recipient's manager: the person who can act on it, without telling the whole team.
 * Only when Klantpuls knows no manager for them do they go to the digest channels of the customer's
 * segment, and the message says why it is there.
 * Alerts that never got a DM (digest-only) are not escalated: the digest lists them with their owner.
 * The outbox write, `escalated_at` and the audit event happen in one transaction; `escalated_at`
 * makes it once, the delivery key makes a retry harmless.
 */
export async function escalateAlerts(options: { ctx: ServiceContext }): Promise<{ escalated: number }> {
  const { ctx } = options;
  const settings = proactiveSettings(ctx).alerts;
  const now = ctx.clock.now();
  // Two working days are at least two calendar days: a cheap filter before the exact one.
  const earliest = new Date(now.getTime() - settings.escalateAfterWorkingDays * 86_400_000);
  const rows = await listEscalationCandidates(ctx.db.sql, earliest);
  const due = rows.filter(
    (row) =>
      escalationDueAt(new Date(row.notifiedAt), row.recipientTimezone, settings).getTime() <= now.getTime(),
  );
  const groups = new Map<number, EscalationCandidate[]>();
  for (const row of due) groups.set(row.customerId, [...(groups.get(row.customerId) ?? []), row]);

  if (groups.size === 0) return { escalated: 0 };
  const today = isoDateIn(now, ctx.timezone);
  // One read each for every group: the cards (one per customer) and, for groups without a manager,
  // the subscribed channels.
  const cards = await loadAlertCards(ctx.db.sql, { alertIds: due.map((row) => row.id), asOf: today });
  const viewOf = new Map(cards.map((view) => [view.customer.id, view]));
  const subscriptions = due.some((row) => row.managerId === null)
    ? await listActiveChannelSubscriptions(ctx.db.sql)
    : [];
  let escalated = 0;
  for (const group of groups.values()) {
    const first = group[0]!;
    const ids = group.map((row) => row.id);
    const view = viewOf.get(first.customerId);
    if (!view) continue;
    const escalatedView = { ...view, escalated: { workingDays: settings.escalateAfterWorkingDays } };
    const key = `alert:${Math.min(...ids)}:escalated`;
    await ctx.db.sql.transaction(async (tx) => {
      const to: string[] = [];
      if (first.managerId !== null) {
        const managerId = first.managerId;
        const message = alertCard(escalatedView, toLocale(first.managerLocale), "dm");
        await enqueueForUser({ ctx, key, userId: managerId, kind: "alert.escalation", message, tx });
        to.push(`user:${managerId}`);
      } else {
        const channels = channelsForSegment(subscriptions, first.segment);
        for (const channel of channels) {
          const channelView = {
            ...escalatedView,
            escalated: { ...escalatedView.escalated, toChannel: true },
          };
          const message = alertCard(channelView, toLocale(channel.locale), "dm");
          await enqueueDelivery({
            ctx,
            key: `${key}:channel:${channel.id}`,
            platform: channel.platform,
            target: { kind: "channel", channelId: channel.channelId },
            kind: "alert.escalation",
            message,
            locale: toLocale(channel.locale),
            tx,
          });
          to.push(`channel:${channel.platform}:${channel.channelId}`);
        }
      }
      if (to.length === 0)
        ctx.log.warn({ alertIds: ids }, "alert due for escalation but nobody to escalate to");
      await markAlertsEscalated(tx, { alertIds: ids, at: now, to });
    });
    escalated += ids.length;
  }
  if (escalated > 0) ctx.log.info({ escalated }, "alerts escalated");
  return { escalated };
}
