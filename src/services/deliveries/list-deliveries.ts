import { sqlInstant, toDate } from "../../db/timestamps.ts";
import type { ServiceContext } from "../context.ts";

export interface DeliveryListItem {
  id: number;
  key: string;
  kind: string;
  platform: "SLACK" | "TEAMS" | null;
  /** Readable target: "user 12 (Jan de Vries)" or "channel C0123". */
  target: string;
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  platformRef: unknown;
}

/** The outbox for admins (`klantpuls deliveries`), newest first. */
export async function listDeliveries(options: {
  ctx: ServiceContext;
  status?: "PENDING" | "SENT" | "FAILED";
  limit?: number;
}): Promise<DeliveryListItem[]> {
  const rows = await options.ctx.db.sql.query<{
    id: number;
    key: string;
    kind: string;
    platform: "SLACK" | "TEAMS" | null;
    target: string;
    user_name: string | null;
    status: DeliveryListItem["status"];
    attempts: number;
    last_error: string | null;
    created_at: Date | string;
    next_attempt_at: Date | string;
    sent_at: Date | string | null;
    platform_ref: unknown;
  }>(
    `SELECT d.id, d.key, d.kind, d.platform::text AS platform, d.target, u.name AS user_name,
            d.status::text AS status, d.attempts, d.last_error, ${sqlInstant("d.created_at")} AS created_at,
            ${sqlInstant("d.next_attempt_at")} AS next_attempt_at, ${sqlInstant("d.sent_at")} AS sent_at,
            d.platform_ref
     FROM deliveries d
     LEFT JOIN users u ON u.id = (d.target::jsonb ->> 'userId')::int
     WHERE ($1::text IS NULL OR d.status::text = $1)
     ORDER BY d.created_at DESC, d.id DESC
     LIMIT $2`,
    [options.status ?? null, options.limit ?? 200],
  );
  return rows.map((row) => {
    const target = JSON.parse(row.target) as { kind: string; userId?: number; channelId?: string };
    return {
      id: Number(row.id),
      key: row.key,
      kind: row.kind,
      platform: row.platform,
      target:
        target.kind === "user"
          ? `user ${target.userId}${row.user_name ? ` (${row.user_name})` : ""}`
          : `channel ${target.channelId}`,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      createdAt: (toDate(row.created_at) as Date).toISOString(),
      nextAttemptAt: row.status === "PENDING" ? (toDate(row.next_attempt_at) as Date).toISOString() : null,
      sentAt: toDate(row.sent_at)?.toISOString() ?? null,
      platformRef: typeof row.platform_ref === "string" ? JSON.parse(row.platform_ref) : row.platform_ref,
    };
  });
}
