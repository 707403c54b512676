import type { SqlSession } from "../sql-session.ts";
import { sqlTimestamp } from "../timestamps.ts";

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
