import { sqlTimestamp } from "../../db/timestamps.ts";
import { type Locale, toLocale } from "../../i18n/define.ts";
import type { ServiceContext } from "../context.ts";

export type ChatPlatform = "SLACK" | "TEAMS";

export interface DigestSubscription {
  id: number;
  platform: ChatPlatform;
  channelId: string;
  segment: string | null;
  dayOfWeek: number;
  timeOfDay: string;
  timezone: string;
  locale: Locale;
  active: boolean;
  createdById: number | null;
  /** ISO instant; a slot before it is not owed (no digest for a week's slot that passed before subscribing). */
  createdAt: string;
}

interface SubscriptionRow {
  id: number;
  platform: ChatPlatform;
  channel_id: string;
  segment: string | null;
  day_of_week: number;
  time_of_day: string;
  timezone: string;
  locale: string;
  active: boolean;
  created_by_id: number | null;
  created_at: string;
}

const COLUMNS = `id, platform::text AS platform, channel_id, segment, day_of_week, time_of_day, timezone, locale,
                 active, created_by_id, to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

function toSubscription(row: SubscriptionRow): DigestSubscription {
  return {
    id: Number(row.id),
    platform: row.platform,
    channelId: row.channel_id,
    segment: row.segment,
    dayOfWeek: Number(row.day_of_week),
    timeOfDay: row.time_of_day,
    timezone: row.timezone,
    locale: toLocale(row.locale),
    active: Boolean(row.active),
    createdById: row.created_by_id === null ? null : Number(row.created_by_id),
    createdAt: row.created_at,
  };
}

/**
 * Subscribe a channel to the weekly digest, or change its schedule: one subscription per channel
 * (unique per platform), re-activated when it was switched off. Audited.
 */
export async function subscribeChannel(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  channelId: string;
  segment: string | null;
  dayOfWeek: number;
  timeOfDay: string;
  timezone: string;
  locale: Locale;
  userId: number;
}): Promise<DigestSubscription> {
  const { ctx } = options;
  const now = ctx.clock.now().toISOString();
  return ctx.db.sql.transaction(async (tx) => {
    const [row] = await tx.query<SubscriptionRow>(
      `INSERT INTO channel_subscriptions
         (platform, channel_id, segment, day_of_week, time_of_day, timezone, locale, created_by_id, active, created_at)
       VALUES ($1::"Platform", $2, $3, $4, $5, $6, $7, $8, true, ${sqlTimestamp("$9")})
       ON CONFLICT (platform, channel_id) DO UPDATE
         SET segment = EXCLUDED.segment, day_of_week = EXCLUDED.day_of_week, time_of_day = EXCLUDED.time_of_day,
             timezone = EXCLUDED.timezone, locale = EXCLUDED.locale, active = true,
             created_at = CASE WHEN channel_subscriptions.active THEN channel_subscriptions.created_at
                               ELSE EXCLUDED.created_at END
       RETURNING ${COLUMNS}`,
      [
        options.platform,
        options.channelId,
        options.segment,
        options.dayOfWeek,
        options.timeOfDay,
        options.timezone,
        options.locale,
        options.userId,
        now,
      ],
    );
    const subscription = toSubscription(row!);
    await audit(tx, now, options.userId, "digest.subscribed", subscription);
    return subscription;
  });
}

/** Switch a channel's digest off (kept, so `aan` later restores it). Null when it had none. */
export async function unsubscribeChannel(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  channelId: string;
  userId: number;
}): Promise<DigestSubscription | null> {
  const { ctx } = options;
  const now = ctx.clock.now().toISOString();
  return ctx.db.sql.transaction(async (tx) => {
    const [row] = await tx.query<SubscriptionRow>(
      `UPDATE channel_subscriptions SET active = false WHERE platform = $1::"Platform" AND channel_id = $2 AND active
       RETURNING ${COLUMNS}`,
      [options.platform, options.channelId],
    );
    if (!row) return null;
    const subscription = toSubscription(row);
    await audit(tx, now, options.userId, "digest.unsubscribed", subscription);
    return subscription;
  });
}

export async function getChannelSubscription(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  channelId: string;
}): Promise<DigestSubscription | null> {
  const [row] = await options.ctx.db.sql.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM channel_subscriptions WHERE platform = $1::"Platform" AND channel_id = $2`,
    [options.platform, options.channelId],
  );
  return row ? toSubscription(row) : null;
}

export async function listActiveSubscriptions(ctx: ServiceContext): Promise<DigestSubscription[]> {
  const rows = await ctx.db.sql.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM channel_subscriptions WHERE active ORDER BY id`,
  );
  return rows.map(toSubscription);
}

async function audit(
  tx: { query: ServiceContext["db"]["sql"]["query"] },
  now: string,
  userId: number,
  action: string,
  subscription: DigestSubscription,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     VALUES (${sqlTimestamp("$1")}, $2, $3, 'channel_subscription', $4, $5::jsonb)`,
    [now, userId, action, String(subscription.id), JSON.stringify(subscription)],
  );
}
