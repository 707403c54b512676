import { isoDateIn } from "../../clock.ts";
import { sqlTimestamp } from "../../db/timestamps.ts";
import { escalationDueAt } from "../../domain/alerts/noise.ts";
import { toLocale } from "../../i18n/index.ts";
import { alertCard } from "../../views/alert-card.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueDelivery, enqueueForUser } from "../deliveries/enqueue-delivery.ts";
import { isoText, loadAlertCards } from "./alert-cards.ts";
import { proactiveSettings } from "./proactive-settings.ts";

interface CandidateRow {
  id: number;
  customer_id: number;
  segment: string;
  notified_at: string;
  recipient_id: number;
  timezone: string;
  manager_id: number | null;
  manager_locale: string | null;
}

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
  const earliest = new Date(now.getTime() - settings.escalateAfterWorkingDays * 86_400_000).toISOString();
  const rows = await ctx.db.sql.query<CandidateRow>(
    `SELECT a.id, a.customer_id, c.segment, ${isoText("a.notified_at")} AS notified_at,
            u.id AS recipient_id, u.timezone, m.id AS manager_id, m.locale AS manager_locale
     FROM alerts a
     JOIN customers c ON c.id = a.customer_id
     JOIN users u ON u.id = a.notified_user_id
     LEFT JOIN users m ON m.id = u.manager_id AND m.id <> u.id
     WHERE a.status = 'OPEN' AND a.notify_state = 'SENT' AND a.escalated_at IS NULL
       AND a.acknowledged_at IS NULL AND a.notified_at <= ${sqlTimestamp("$1")}
     ORDER BY a.customer_id, a.id`,
    [earliest],
  );
  const due = rows.filter(
    (row) => escalationDueAt(new Date(row.notified_at), row.timezone, settings).getTime() <= now.getTime(),
  );
  const groups = new Map<number, CandidateRow[]>();
  for (const row of due)
    groups.set(Number(row.customer_id), [...(groups.get(Number(row.customer_id)) ?? []), row]);

  const today = isoDateIn(now, ctx.timezone);
  let escalated = 0;
  for (const group of groups.values()) {
    const first = group[0]!;
    const ids = group.map((row) => Number(row.id));
    const [view] = await loadAlertCards(ctx.db.sql, { alertIds: ids, asOf: today });
    if (!view) continue;
    const escalatedView = { ...view, escalated: { workingDays: settings.escalateAfterWorkingDays } };
    const key = `alert:${Math.min(...ids)}:escalated`;
    await ctx.db.sql.transaction(async (tx) => {
      const to: string[] = [];
      if (first.manager_id !== null) {
        const managerId = Number(first.manager_id);
        const message = alertCard(escalatedView, toLocale(first.manager_locale), "dm");
        await enqueueForUser({ ctx, key, userId: managerId, kind: "alert.escalation", message, tx });
        to.push(`user:${managerId}`);
      } else {
        const channels = await tx.query<{
          id: number;
          platform: "SLACK" | "TEAMS";
          channel_id: string;
          locale: string;
        }>(
          `SELECT id, platform::text AS platform, channel_id, locale FROM channel_subscriptions
           WHERE active AND (segment IS NULL OR lower(segment) = lower($1))`,
          [first.segment],
        );
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
            target: { kind: "channel", channelId: channel.channel_id },
            kind: "alert.escalation",
            message,
            locale: toLocale(channel.locale),
            tx,
          });
          to.push(`channel:${channel.platform}:${channel.channel_id}`);
        }
      }
      if (to.length === 0)
        ctx.log.warn({ alertIds: ids }, "alert due for escalation but nobody to escalate to");
      await tx.query(
        `WITH upd AS (
           UPDATE alerts SET escalated_at = ${sqlTimestamp("$2")}, updated_at = ${sqlTimestamp("$2")}
           WHERE id = ANY ($1::int[]) AND escalated_at IS NULL RETURNING id, customer_id)
         INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
         SELECT ${sqlTimestamp("$2")}, NULL, 'alert.escalated', 'alert', upd.id::text,
                jsonb_build_object('customerId', upd.customer_id, 'to', $3::jsonb)
         FROM upd`,
        [ids, now.toISOString(), JSON.stringify(to)],
      );
    });
    escalated += ids.length;
  }
  if (escalated > 0) ctx.log.info({ escalated }, "alerts escalated");
  return { escalated };
}
