import { isoDateIn } from "../../clock.ts";
import {
  listAlertDmsSince,
  listAlertsAwaitingDm,
  markAlertsDigestOnly,
  markAlertsNotified,
} from "../../db/queries/alert-notifications.ts";
import { localDay, type PendingMessage, planPushes } from "../../domain/alerts/noise.ts";
import { toLocale } from "../../i18n/index.ts";
import { alertCard } from "../../views/alert-card.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueForUser } from "../deliveries/enqueue-delivery.ts";
import { loadAlertCards } from "./load-alert-cards.ts";
import { proactiveSettings } from "./proactive-settings.ts";

export interface PushResult {
  /** DMs enqueued (one per customer). */
  sent: number;
  /** Messages waiting for working hours in the recipient's zone. */
  waiting: number;
  /** Alerts left to the digest (over budget, or nobody to tell). */
  digestOnly: number;
}

/**
 * Send the DMs for alerts waiting to be told: per customer one message to the assignee (else the
 * owner), at most `dailyBudget` per person per local day, never in quiet hours or weekends. Each DM is
 * written to the outbox in the same transaction that marks its alerts SENT, under a key that names
 * the alert and the occasion, so a retry or a second instance never sends it twice.
 */
export async function pushAlertMessages(options: { ctx: ServiceContext }): Promise<PushResult> {
  const { ctx } = options;
  const settings = proactiveSettings(ctx).alerts;
  const now = ctx.clock.now();
  const today = isoDateIn(now, ctx.timezone);
  const pending = await listAlertsAwaitingDm(ctx.db.sql, today);
  if (pending.length === 0) return { sent: 0, waiting: 0, digestOnly: 0 };

  // One message per customer.
  const groups = new Map<number, { ids: number[]; message: PendingMessage; locale: string }>();
  for (const row of pending) {
    const customerId = row.customerId;
    const detail = row.detail;
    const group = groups.get(customerId) ?? {
      ids: [],
      locale: row.recipientLocale ?? "nl",
      message: {
        customerId,
        recipientId: row.recipientId,
        recipientTimezone: row.recipientTimezone ?? ctx.timezone,
        reopened: false,
        bandFell: false,
        move: null,
        revenueCents: row.revenueCents,
      },
    };
    group.ids.push(row.id);
    group.message.reopened ||= Boolean(detail.reopenedAt);
    group.message.bandFell ||= Boolean(detail.bandFell);
    const move = detail.move ?? null;
    if (move !== null && Math.abs(move) > Math.abs(group.message.move ?? 0)) group.message.move = move;
    groups.set(customerId, group);
  }
  const list = [...groups.values()];
  const sentToday = await countSentToday(
    ctx,
    list.map((group) => group.message),
    now,
  );
  const decisions = planPushes(
    list.map((group) => group.message),
    sentToday,
    now,
    settings,
  );

  let sent = 0;
  let waiting = 0;
  const digestIds: number[] = [];
  for (const [index, group] of list.entries()) {
    const decision = decisions[index];
    if (decision === "wait") waiting += 1;
    else if (decision === "digest") digestIds.push(...group.ids);
    else if (decision === "send" && group.message.recipientId !== null) {
      const recipientId = group.message.recipientId;
      const [view] = await loadAlertCards(ctx.db.sql, { alertIds: group.ids, asOf: today });
      if (!view) continue;
      const reopenedAt = view.alerts.map((alert) => alert.detail.reopenedAt).find(Boolean);
      const primary = Math.min(...group.ids);
      const key = reopenedAt ? `alert:${primary}:reopened:${reopenedAt}` : `alert:${primary}:opened`;
      const message = alertCard({ ...view, reopened: Boolean(reopenedAt) }, toLocale(group.locale), "dm");
      await ctx.db.sql.transaction(async (tx) => {
        await enqueueForUser({ ctx, key, userId: recipientId, kind: "alert", message, tx });
        await markAlertsNotified(tx, { alertIds: group.ids, at: now, recipientId, deliveryKey: key });
      });
      sent += 1;
    }
  }
  if (digestIds.length > 0) {
    await markAlertsDigestOnly(ctx.db.sql, digestIds, now);
  }
  const result = { sent, waiting, digestOnly: digestIds.length };
  ctx.log.info(result, "alert messages pushed");
  return result;
}

/** DMs (distinct customer and moment) each recipient got on their own local today. */
async function countSentToday(
  ctx: ServiceContext,
  messages: PendingMessage[],
  now: Date,
): Promise<Map<number, number>> {
  const zones = new Map<number, string>();
  for (const message of messages) {
    if (message.recipientId !== null) zones.set(message.recipientId, message.recipientTimezone);
  }
  if (zones.size === 0) return new Map();
  const since = new Date(now.getTime() - 2 * 86_400_000);
  const rows = await listAlertDmsSince(ctx.db.sql, [...zones.keys()], since);
  const counts = new Map<number, number>();
  for (const row of rows) {
    const userId = row.userId;
    const zone = zones.get(userId) ?? ctx.timezone;
    if (localDay(new Date(row.at), zone) !== localDay(now, zone)) continue;
    counts.set(userId, (counts.get(userId) ?? 0) + 1);
  }
  return counts;
}
