/**
 * The outbox repository (table `deliveries`): writing a delivery once per key, claiming due ones
 * under a lease timed by the database's clock, recording the outcome, and reading it back. The rules
 * (backoff, pacing, what "exactly once" means) are in src/services/deliveries/dispatcher.ts.
 */
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";
import { sqlInstant, sqlTimestamp, toDate } from "../timestamps.ts";

/**
 * Write a delivery unless one with this key exists (then null: nothing new will be sent). `target`
 * and `payload` are stored as JSON. A FAILED row (no way to reach the person) carries its reason.
 */
export async function insertDelivery(
  sql: SqlSession,
  row: {
    key: string;
    platform: ChatPlatform | null;
    target: unknown;
    kind: string;
    payload: unknown;
    status: "PENDING" | "FAILED";
    nextAttemptAt: Date;
    createdAt: Date;
    lastError?: string;
  },
): Promise<number | null> {
  const [inserted] = await sql.query<{ id: number }>(
    `INSERT INTO deliveries (key, platform, target, kind, payload, status, attempts, next_attempt_at,
                             last_error, created_at)
     VALUES ($1, $2::"Platform", $3, $4, $5::jsonb, $6::"DeliveryStatus", 0, ${sqlTimestamp("$7")}, $8,
             ${sqlTimestamp("$9")})
     ON CONFLICT (key) DO NOTHING
     RETURNING id`,
    [
      row.key,
      row.platform,
      JSON.stringify(row.target),
      row.kind,
      JSON.stringify(row.payload),
      row.status,
      row.nextAttemptAt.toISOString(),
      row.lastError ?? null,
      row.createdAt.toISOString(),
    ],
  );
  return inserted ? Number(inserted.id) : null;
}

export async function deliveryIdByKey(sql: SqlSession, key: string): Promise<number | null> {
  const [row] = await sql.query<{ id: number }>("SELECT id FROM deliveries WHERE key = $1", [key]);
  return row ? Number(row.id) : null;
}

/** Which of these keys already have a delivery (written earlier, whatever its status). */
export async function existingDeliveryKeys(sql: SqlSession, keys: string[]): Promise<Set<string>> {
  const rows = await sql.query<{ key: string }>("SELECT key FROM deliveries WHERE key = ANY ($1::text[])", [
    keys,
  ]);
  return new Set(rows.map((row) => row.key));
}

export interface ClaimedDeliveryRow {
  id: number;
  key: string;
  platform: ChatPlatform;
  /** The stored target JSON, as text (the dispatcher parses and checks it). */
  target: string;
  kind: string;
  /** The stored payload, parsed. */
  payload: unknown;
  attempts: number;
}

/**
 * Claim up to `limit` due PENDING deliveries for these platforms: `FOR UPDATE SKIP LOCKED`, one more
 * attempt counted, and a lease until the database's now() + `leaseSeconds` held by `leaseOwner`.
 * "Due" is judged by `now` (the instance's clock), the lease by the database's clock.
 */
export async function claimDueDeliveries(
  sql: SqlSession,
  claim: { platforms: ChatPlatform[]; now: Date; limit: number; leaseOwner: string; leaseSeconds: number },
): Promise<ClaimedDeliveryRow[]> {
  const rows = await sql.query<Omit<ClaimedDeliveryRow, "payload"> & { payload: unknown }>(
    `WITH due AS (
       SELECT id FROM deliveries
       WHERE status = 'PENDING' AND platform::text = ANY($1::text[])
         AND next_attempt_at <= ${sqlTimestamp("$2")}
         AND (lease_until IS NULL OR lease_until <= now())
       ORDER BY next_attempt_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     UPDATE deliveries d
     SET attempts = d.attempts + 1, lease_owner = $4,
         lease_until = now() + make_interval(secs => $5::double precision)
     FROM due WHERE d.id = due.id
     RETURNING d.id, d.key, d.platform::text AS platform, d.target, d.kind, d.payload, d.attempts`,
    [claim.platforms, claim.now.toISOString(), claim.limit, claim.leaseOwner, claim.leaseSeconds],
  );
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    attempts: Number(row.attempts),
    payload: jsonColumn(row.payload),
  }));
}

/** Renew the lease right before a send; false when `leaseOwner` no longer holds it. */
export async function renewDeliveryLease(
  sql: SqlSession,
  id: number,
  leaseOwner: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE deliveries SET lease_until = now() + make_interval(secs => $3::double precision)
     WHERE id = $1 AND lease_owner = $2 AND status = 'PENDING' RETURNING id`,
    [id, leaseOwner, leaseSeconds],
  );
  return rows.length > 0;
}

export async function markDeliverySent(
  sql: SqlSession,
  id: number,
  platformRef: unknown,
  at: Date,
): Promise<void> {
  await sql.query(
    `UPDATE deliveries SET status = 'SENT', platform_ref = $2::jsonb, sent_at = ${sqlTimestamp("$3")},
            last_error = NULL, lease_owner = NULL, lease_until = NULL
     WHERE id = $1`,
    [id, JSON.stringify(platformRef), at.toISOString()],
  );
}

export async function markDeliveryFailed(sql: SqlSession, id: number, reason: string): Promise<void> {
  await sql.query(
    "UPDATE deliveries SET status = 'FAILED', last_error = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1",
    [id, reason],
  );
}

/**
 * Back to PENDING until `at`, releasing the lease. `uncount`: it was released without being tried
 * (its channel is rate limited), so it keeps its attempt.
 */
export async function markDeliveryRetry(
  sql: SqlSession,
  id: number,
  retry: { at: Date; reason: string; uncount: boolean },
): Promise<void> {
  await sql.query(
    `UPDATE deliveries SET next_attempt_at = ${sqlTimestamp("$2")}, last_error = $3,
            attempts = attempts - $4, lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND status = 'PENDING'`,
    [id, retry.at.toISOString(), retry.reason, retry.uncount ? 1 : 0],
  );
}

/** A delivery by key, to update what it posted: status, platform reference and stored payload. */
export async function findDeliveryByKey(
  sql: SqlSession,
  key: string,
): Promise<{ status: string; platformRef: unknown; payload: unknown } | null> {
  const [row] = await sql.query<{ status: string; platform_ref: unknown; payload: unknown }>(
    "SELECT status::text AS status, platform_ref, payload FROM deliveries WHERE key = $1",
    [key],
  );
  if (!row) return null;
  return {
    status: row.status,
    platformRef: row.platform_ref === null ? null : jsonColumn(row.platform_ref),
    payload: jsonColumn(row.payload),
  };
}

export interface DeliveryRow {
  id: number;
  key: string;
  kind: string;
  platform: ChatPlatform | null;
  /** The stored target JSON, as text. */
  target: string;
  /** The target user's name, when the target is a user who still exists. */
  userName: string | null;
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  platformRef: unknown;
}

/** The outbox, newest first, optionally of one status. */
export async function listDeliveryRows(
  sql: SqlSession,
  options: { status?: DeliveryRow["status"]; limit?: number } = {},
): Promise<DeliveryRow[]> {
  const rows = await sql.query<{
    id: number;
    key: string;
    kind: string;
    platform: ChatPlatform | null;
    target: string;
    user_name: string | null;
    status: DeliveryRow["status"];
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
  return rows.map((row) => ({
    id: Number(row.id),
    key: row.key,
    kind: row.kind,
    platform: row.platform,
    target: row.target,
    userName: row.user_name,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: toDate(row.created_at) as Date,
    nextAttemptAt: toDate(row.next_attempt_at) as Date,
    sentAt: toDate(row.sent_at),
    platformRef: row.platform_ref === null ? null : jsonColumn(row.platform_ref),
  }));
}

/**
 * The alert messages sent (SENT, kind `alert` or `alert.escalation`) about these alerts: those whose
 * key is `alert:<one of the ids>:…`, oldest first, with the language their payload was rendered in.
 */
export async function listSentAlertDeliveries(
  sql: SqlSession,
  alertIds: number[],
): Promise<Array<{ key: string; target: string; locale: string | null }>> {
  return sql.query<{ key: string; target: string; locale: string | null }>(
    `SELECT key, target, payload ->> 'locale' AS locale FROM deliveries
     WHERE status = 'SENT' AND kind IN ('alert', 'alert.escalation')
       AND split_part(key, ':', 1) = 'alert' AND split_part(key, ':', 2) = ANY ($1::text[])
     ORDER BY id`,
    [alertIds.map(String)],
  );
}
