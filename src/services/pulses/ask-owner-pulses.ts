import { isoDateIn } from "../../clock.ts";
import {
  countPulsesExpiredInLastDay,
  createPeriodPulses,
  listCustomerOwners,
  listUnsentPulseQuestions,
  markPulsesReminded,
} from "../../db/queries/owner-pulses.ts";
import { isQuietTime, pulsePeriod } from "../../domain/alerts/local-time.ts";
import { toLocale } from "../../i18n/index.ts";
import { pulseMessage } from "../../views/pulse-message.ts";
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
  const owners = await listCustomerOwners(ctx.db.sql);
  const quiet = owners
    .filter((owner) => isQuietTime(now, owner.timezone || ctx.timezone, hours))
    .map((owner) => owner.id);
  const { created, enqueued } = await ctx.db.sql.transaction(async (tx) => {
    const ids = await createPeriodPulses(tx, {
      today,
      period,
      now,
      topAccounts: settings.topAccounts,
      expireAfterDays: settings.expireAfterDays,
      skipOwnerIds: quiet,
    });
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
  const now = ctx.clock.now();
  const reminded = await ctx.db.sql.transaction(async (tx) => {
    const ids = await markPulsesReminded(tx, { now, reminderAfterDays: settings.reminderAfterDays });
    if (ids.length === 0) return 0;
    return enqueueQuestions(ctx, null, "remind", ids, tx);
  });
  const expired = await countPulsesExpiredInLastDay(ctx.db.sql, now);
  const result = { reminded, expired };
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
  const questions = await listUnsentPulseQuestions(tx, {
    period,
    ids: ids ?? null,
    occasion,
    now: ctx.clock.now(),
  });
  let enqueued = 0;
  for (const question of questions) {
    const message = pulseMessage(
      {
        pulseId: question.pulseId,
        customerId: question.customerId,
        customerName: question.customerName,
        expiresOn: question.expiresAt.slice(0, 10),
        reminder: occasion === "remind",
      },
      toLocale(question.locale),
    );
    const result = await enqueueForUser({
      ctx,
      // listUnsentPulseQuestions skips pulses with a delivery under this key.
      key: `pulse:${question.pulseId}:${occasion}`,
      userId: question.userId,
      kind: occasion === "ask" ? "pulse" : "pulse.reminder",
      message,
      // Outside a transaction the dispatcher is woken at once; inside one it finds the row on its next poll.
      ...(tx === ctx.db.sql ? {} : { tx }),
    });
    if (result.created) enqueued += 1;
  }
  return enqueued;
}
