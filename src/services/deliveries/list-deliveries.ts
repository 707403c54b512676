import { listDeliveryRows } from "../../db/queries/outbox.ts";
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import type { ServiceContext } from "../context.ts";

export interface DeliveryListItem {
  id: number;
  key: string;
  kind: string;
  platform: ChatPlatform | null;
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
  const rows = await listDeliveryRows(options.ctx.db.sql, {
    ...(options.status ? { status: options.status } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  return rows.map((row) => {
    const target = JSON.parse(row.target) as { kind: string; userId?: number; channelId?: string };
    return {
      id: row.id,
      key: row.key,
      kind: row.kind,
      platform: row.platform,
      target:
        target.kind === "user"
          ? `user ${target.userId}${row.userName ? ` (${row.userName})` : ""}`
          : `channel ${target.channelId}`,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      nextAttemptAt: row.status === "PENDING" ? row.nextAttemptAt.toISOString() : null,
      sentAt: row.sentAt?.toISOString() ?? null,
      platformRef: row.platformRef,
    };
  });
}
