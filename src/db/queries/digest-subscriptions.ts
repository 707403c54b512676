/**
 * The channel subscriptions (table `channel_subscriptions`): one per channel and platform, switched
 * off rather than deleted, and their audit events. Digests go to them, and escalations of a segment. When a digest is due is decided
 * in src/services/digests/send-due-digests.ts.
 */
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import { type Locale, toLocale } from "../../i18n/define.ts";
import type { SqlSession } from "../sql-session.ts";
import { isoText, sqlTimestamp } from "../timestamps.ts";

/** What a channel chooses when it subscribes: where, which segment, and when (in which zone and language). */
export interface ChannelSubscriptionChoice {
  platform: ChatPlatform;
  channelId: string;
  segment: string | null;
  dayOfWeek: number;
  timeOfDay: string;
  timezone: string;
  locale: Locale;
}

export interface DigestSubscription extends ChannelSubscriptionChoice {
  id: number;
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
                 active, created_by_id, ${isoText("created_at")} AS created_at`;

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
 * Subscribe a channel, or change its schedule: one row per platform and channel, made active. A
 * subscription that was active keeps its `createdAt`; a new or re-activated one gets `at`.
 */
export async function upsertChannelSubscription(
  sql: SqlSession,
  subscription: ChannelSubscriptionChoice & {
    createdById: number;
    /** ISO instant. */
    at: string;
  },
): Promise<DigestSubscription> {
  const [row] = await sql.query<SubscriptionRow>(
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
      subscription.platform,
      subscription.channelId,
      subscription.segment,
      subscription.dayOfWeek,
      subscription.timeOfDay,
      subscription.timezone,
      subscription.locale,
      subscription.createdById,
      subscription.at,
    ],
  );
  return toSubscription(row!);
}

/** Switch a channel's active subscription off (the row is kept); null when it had none. */
export async function deactivateChannelSubscription(
  sql: SqlSession,
  where: { platform: ChatPlatform; channelId: string },
): Promise<DigestSubscription | null> {
  const [row] = await sql.query<SubscriptionRow>(
    `UPDATE channel_subscriptions SET active = false WHERE platform = $1::"Platform" AND channel_id = $2 AND active
     RETURNING ${COLUMNS}`,
    [where.platform, where.channelId],
  );
  return row ? toSubscription(row) : null;
}

/** A channel's subscription, active or not; null when it never had one. */
export async function findChannelSubscription(
  sql: SqlSession,
  where: { platform: ChatPlatform; channelId: string },
): Promise<DigestSubscription | null> {
  const [row] = await sql.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM channel_subscriptions WHERE platform = $1::"Platform" AND channel_id = $2`,
    [where.platform, where.channelId],
  );
  return row ? toSubscription(row) : null;
}

/** Every active subscription, by id. */
export async function listActiveChannelSubscriptions(sql: SqlSession): Promise<DigestSubscription[]> {
  const rows = await sql.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM channel_subscriptions WHERE active ORDER BY id`,
  );
  return rows.map(toSubscription);
}

/** The audit event of a change to a subscription (`at`: ISO instant); the subscription is its detail. */
export async function auditChannelSubscription(
  sql: SqlSession,
  event: { at: string; userId: number; action: string; subscription: DigestSubscription },
): Promise<void> {
  await sql.query(
    `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     VALUES (${sqlTimestamp("$1")}, $2, $3, 'channel_subscription', $4, $5::jsonb)`,
    [event.at, event.userId, event.action, String(event.subscription.id), JSON.stringify(event.subscription)],
  );
}
