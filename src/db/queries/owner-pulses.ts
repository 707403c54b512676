import type { SqlSession } from "../sql-session.ts";
import { isoText, sqlTimestamp } from "../timestamps.ts";
import { trailingRevenueCents } from "./trailing-revenue.ts";

/** A scheduled pulse's state at `now`: its score so far, whether it was answered, whether it expired. */
export async function scheduledPulseState(
  sql: SqlSession,
  query: { pulseId: number; customerId: number; now: Date },
): Promise<{ score: number | null; answered: boolean; expired: boolean } | null> {
  const [row] = await sql.query<{ score: number | null; answered: boolean; expired: boolean }>(
    `SELECT score, answered_at IS NOT NULL AS answered,
            (expires_at IS NOT NULL AND expires_at <= ${sqlTimestamp("$3")}) AS expired
     FROM owner_pulses WHERE id = $1 AND customer_id = $2`,
    [query.pulseId, query.customerId, query.now.toISOString()],
  );
  return row ?? null;
}

/**
 * Store an owner's estimate and its audit event in one transaction: a scheduled pulse (`pulseId`) is
 * answered in place, an ad-hoc one is inserted. Null when the scheduled pulse is not this customer's.
 */
export async function saveOwnerPulse(
  sql: SqlSession,
  pulse: { customerId: number; userId: number; score: number; comment: string; at: Date; pulseId?: number },
): Promise<{ pulseId: number } | null> {
  const { customerId, userId, score, comment, at } = pulse;
  return sql.transaction(async (tx) => {
    const [row] = pulse.pulseId
      ? await tx.query<{ id: number }>(
          `UPDATE owner_pulses SET score = $2, comment = $3, answered_at = $4
           WHERE id = $1 AND customer_id = $5 RETURNING id`,
          [pulse.pulseId, score, comment, at, customerId],
        )
      : await tx.query<{ id: number }>(
          `INSERT INTO owner_pulses (customer_id, user_id, score, comment, asked_at, answered_at)
           VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
          [customerId, userId, score, comment, at],
        );
    if (!row) return null;
    await tx.query(
      `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
       VALUES ($1, $2, 'pulse.answered', 'customer', $3, $4::jsonb)`,
      [at, userId, String(customerId), JSON.stringify({ pulseId: row.id, score })],
    );
    return { pulseId: Number(row.id) };
  });
}

/** Every user who owns a customer, with their time zone (as stored; may be empty). */
export async function listCustomerOwners(sql: SqlSession): Promise<Array<{ id: number; timezone: string }>> {
  const rows = await sql.query<{ id: number; timezone: string }>(
    "SELECT DISTINCT u.id, u.timezone FROM users u JOIN customers c ON c.owner_id = u.id",
  );
  return rows.map((row) => ({ id: Number(row.id), timezone: row.timezone }));
}

/**
 * Create this period's scheduled pulses: for each owner (except `skipOwnerIds`) who has no pulse in
 * `period` yet, one for each of their top `topAccounts` active customers by revenue invoiced over the
 * 365 days up to `today` (customers without any are left out), asked at `now` and expiring
 * `expireAfterDays` later. A customer that has a pulse in the period already is skipped. Returns the
 * ids of the pulses created.
 */
export async function createPeriodPulses(
  sql: SqlSession,
  plan: {
    today: string;
    period: string;
    now: Date;
    topAccounts: number;
    expireAfterDays: number;
    skipOwnerIds: number[];
  },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `WITH rev AS (
       SELECT c.id AS customer_id, c.owner_id,
              ${trailingRevenueCents("c.id", "$1")} AS cents
       FROM customers c
       WHERE c.status = 'ACTIVE' AND c.owner_id IS NOT NULL AND c.customer_since <= $1::date
         AND NOT (c.owner_id = ANY ($6::int[]))
     ),
     ranked AS (
       SELECT customer_id, owner_id, row_number() OVER (PARTITION BY owner_id ORDER BY cents DESC, customer_id) AS rn
       FROM rev WHERE cents > 0
     )
     INSERT INTO owner_pulses (customer_id, user_id, period, asked_at, expires_at)
     SELECT customer_id, owner_id, $2, ${sqlTimestamp("$3")},
            ${sqlTimestamp("$3")} + make_interval(days => $5::int)
     FROM ranked WHERE rn <= $4
       -- An owner with a pulse this period is not asked again (the daily run only reaches owners it missed).
       AND NOT EXISTS (SELECT 1 FROM owner_pulses p WHERE p.user_id = ranked.owner_id AND p.period = $2)
     ON CONFLICT (customer_id, period) DO NOTHING
     RETURNING id`,
    [
      plan.today,
      plan.period,
      plan.now.toISOString(),
      plan.topAccounts,
      plan.expireAfterDays,
      plan.skipOwnerIds,
    ],
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Mark as reminded (at `now`) the scheduled pulses unanswered and not reminded yet, asked at least
 * `reminderAfterDays` ago and not expired; returns their ids.
 */
export async function markPulsesReminded(
  sql: SqlSession,
  query: { now: Date; reminderAfterDays: number },
): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `UPDATE owner_pulses SET reminded_at = ${sqlTimestamp("$1")}
     WHERE period IS NOT NULL AND answered_at IS NULL AND reminded_at IS NULL
       AND asked_at <= ${sqlTimestamp("$1")} - make_interval(days => $2::int)
       AND expires_at > ${sqlTimestamp("$1")}
     RETURNING id`,
    [query.now.toISOString(), query.reminderAfterDays],
  );
  return rows.map((row) => Number(row.id));
}

/** How many scheduled pulses expired unanswered in the day up to `now`. */
export async function countPulsesExpiredInLastDay(sql: SqlSession, now: Date): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM owner_pulses
     WHERE period IS NOT NULL AND answered_at IS NULL AND expires_at <= ${sqlTimestamp("$1")}
       AND expires_at > ${sqlTimestamp("$1")} - interval '1 day'`,
    [now.toISOString()],
  );
  return Number(row?.n ?? 0);
}

export interface PulseQuestion {
  pulseId: number;
  customerId: number;
  userId: number;
  customerName: string;
  /** The owner's language, as stored. */
  locale: string;
  /** ISO instant (UTC). */
  expiresAt: string;
}

/**
 * The unanswered scheduled pulses (of `period` and/or `ids`; null: any) whose question for this
 * `occasion` is not in the outbox yet — no delivery keyed `pulse:<id>:<occasion>` — and that have not
 * expired at `now`, by id.
 */
export async function listUnsentPulseQuestions(
  sql: SqlSession,
  query: { period: string | null; ids: number[] | null; occasion: "ask" | "remind"; now: Date },
): Promise<PulseQuestion[]> {
  const rows = await sql.query<{
    id: number;
    customer_id: number;
    user_id: number;
    name: string;
    locale: string;
    expires_at: string;
  }>(
    `SELECT p.id, p.customer_id, p.user_id, c.name, u.locale, ${isoText("p.expires_at")} AS expires_at
     FROM owner_pulses p JOIN customers c ON c.id = p.customer_id JOIN users u ON u.id = p.user_id
     WHERE ($1::text IS NULL OR p.period = $1) AND ($2::int[] IS NULL OR p.id = ANY ($2::int[]))
       AND p.period IS NOT NULL AND p.answered_at IS NULL
       -- An expired question is never sent (e.g. one imported or left from before the bot ran).
       AND (p.expires_at IS NULL OR p.expires_at > ${sqlTimestamp("$4")})
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.key = 'pulse:' || p.id || ':' || $3)
     ORDER BY p.id`,
    [query.period, query.ids, query.occasion, query.now.toISOString()],
  );
  return rows.map((row) => ({
    pulseId: Number(row.id),
    customerId: Number(row.customer_id),
    userId: Number(row.user_id),
    customerName: row.name,
    locale: row.locale,
    expiresAt: row.expires_at,
  }));
}
