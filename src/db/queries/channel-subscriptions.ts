import type { SqlSession } from "../sql-session.ts";

/** The channels subscribed to alerts and digests (table `channel_subscriptions`). */
export interface SegmentChannel {
  id: number;
  platform: "SLACK" | "TEAMS";
  channelId: string;
  locale: string;
}

/** Active channel subscriptions for a segment: those for every segment and those for this one (any case). */
export async function listActiveChannelsForSegment(
  sql: SqlSession,
  segment: string,
): Promise<SegmentChannel[]> {
  const rows = await sql.query<{
    id: number;
    platform: "SLACK" | "TEAMS";
    channel_id: string;
    locale: string;
  }>(
    `SELECT id, platform::text AS platform, channel_id, locale FROM channel_subscriptions
     WHERE active AND (segment IS NULL OR lower(segment) = lower($1))`,
    [segment],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    platform: row.platform,
    channelId: row.channel_id,
    locale: row.locale,
  }));
}
