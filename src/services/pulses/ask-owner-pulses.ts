import { isoDateIn } from "../../clock.ts";
import { sqlTimestamp } from "../../db/timestamps.ts";
import { isQuietTime, pulsePeriod } from "../../domain/alerts/local-time.ts";
import { toLocale } from "../../i18n/index.ts";
import { pulseMessage } from "../../views/pulse-message.ts";
import { isoText } from "../alerts/alert-cards.ts";
import { proactiveSettings } from "../alerts/proactive-settings.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueForUser } from "../deliveries/enqueue-delivery.ts";

export interface AskPulsesResult {
  period: string;
  /** Pulses created now (customers that had one this period already are skipped). */
  created: number;
  /** Questions written to the outbox now (also those a crashed run left without one). */
  enqueued: number;
}

/**
 * Ask every owner about their top accounts (by trailing-12-month revenue) for this cadence period.
 * At most one pulse per customer and period, whoever owns it (unique customer + period), and at most
 * `topAccounts` per owner and period: an owner who already has a pulse this period (asked by an
 * earlier run, or planted by an import or the demo seed) is not asked again. Only the pulses this run
 * creates are sent — never older unanswered ones, which flooded owners with every pulse of the month —
 * and they are created and written to the outbox in one transaction, so a crash leaves neither a pulse
 * without its question nor a question twice. Owners in their quiet hours (evening, weekend, in their
 * own time zone: the alerts' noise budget) are not asked now; a later run of the day reaches them.
 */
export async function askOwnerPulses(options: { ctx: ServiceContext }): Promise<AskPulsesResult> {
  const { ctx } = options;
  const settings = proactiveSettings(ctx).pulses;
  const hours = proactiveSettings(ctx).alerts;
  const now = ctx.clock.now();
  const today = isoDateIn(now, ctx.timezone);
  const period = pulsePeriod(today, settings.cadence);
  if (!settings.enabled) return { period, created: 0, enqueued: 0 };
  const owners = await ctx.db.sql.query<{ id: number; timezone: string }>(
    "SELECT DISTINCT u.id, u.timezone FROM users u JOIN customers c ON c.owner_id = u.id",
  );
  const quiet = owners
    .filter((owner) => isQuietTime(now, owner.timezone || ctx.timezone, hours))
    .map((owner) => Number(owner.id));
  const { created, enqueued } = await ctx.db.sql.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `WITH rev AS (
         SELECT c.id AS customer_id, c.owner_id,
                (SELECT COALESCE(sum(i.amount_cents), 0) FROM invoices i
                  WHERE i.customer_id = c.id AND i.issued_on > $1::date - 365 AND i.issued_on <= $1::date) AS cents
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
      [today, period, now.toISOString(), settings.topAccounts, settings.expireAfterDays, quiet],
    );
    const ids = rows.map((row) => Number(row.id));
    const sent = ids.length > 0 ? await enqueueQuestions(ctx, period, "ask", ids, tx) : 0;
    return { created: ids.length, enqueued: sent };
  });
  const result = { period, created, enqueued, quietOwners: quiet.length };
  ctx.log.info(result, "owner pulses asked");
  return { period, created, enqueued };
}

/**
 * One reminder for a pulse still unanswered after `reminderAfterDays`, while it has not expired.
 * `reminded_at` and the outbox row are written in one transaction.
 */
export async function remindOwnerPulses(options: {
  ctx: ServiceContext;
}): Promise<{ reminded: number; expired: number }> {
  const { ctx } = options;
  const settings = proactiveSettings(ctx).pulses;
  const now = ctx.clock.now().toISOString();
  const reminded = await ctx.db.sql.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `UPDATE owner_pulses SET reminded_at = ${sqlTimestamp("$1")}
       WHERE period IS NOT NULL AND answered_at IS NULL AND reminded_at IS NULL
         AND asked_at <= ${sqlTimestamp("$1")} - make_interval(days => $2::int)
         AND expires_at > ${sqlTimestamp("$1")}
       RETURNING id`,
      [now, settings.reminderAfterDays],
    );
    if (rows.length === 0) return 0;
    return enqueueQuestions(
      ctx,
      null,
      "remind",
      rows.map((row) => Number(row.id)),
      tx,
    );
  });
  const [expired] = await ctx.db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM owner_pulses
     WHERE period IS NOT NULL AND answered_at IS NULL AND expires_at <= ${sqlTimestamp("$1")}
       AND expires_at > ${sqlTimestamp("$1")} - interval '1 day'`,
    [now],
  );
  const result = { reminded, expired: Number(expired?.n ?? 0) };
  if (reminded > 0) ctx.log.info(result, "owner pulse reminders");
  return result;
}

async function enqueueQuestions(
  ctx: ServiceContext,
  period: string | null,
  occasion: "ask" | "remind",
  ids?: number[],
  tx = ctx.db.sql,
): Promise<number> {
  const rows = await tx.query<{
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
    [period, ids ?? null, occasion, ctx.clock.now().toISOString()],
  );
  let enqueued = 0;
  for (const row of rows) {
    const message = pulseMessage(
      {
        pulseId: Number(row.id),
        customerId: Number(row.customer_id),
        customerName: row.name,
        expiresOn: row.expires_at.slice(0, 10),
        reminder: occasion === "remind",
      },
      toLocale(row.locale),
    );
    const result = await enqueueForUser({
      ctx,
      key: `pulse:${row.id}:${occasion}`,
      userId: Number(row.user_id),
      kind: occasion === "ask" ? "pulse" : "pulse.reminder",
      message,
      // Outside a transaction the dispatcher is woken at once; inside one it finds the row on its next poll.
      ...(tx === ctx.db.sql ? {} : { tx }),
    });
    if (result.created) enqueued += 1;
  }
  return enqueued;
}
