/**
 * Payment behaviour, judged against the customer's OWN habit and by what is actually outstanding.
 *
 * - Lateness: the recent average days late minus the customer's habit (its average in the year before);
 *   a loyal chronic late payer is not a finding, a change is. Very late payment still counts on its own
 *   (half of what exceeds zeroDaysLate). Linear: 100 at ≤ fineDaysLate (3) worse than usual, 0 at
 *   ≥ zeroDaysLate (30) worse.
 * - Outstanding: up to 40 points off for the age of the oldest overdue invoice (all 40 at 90 days) and up
 *   to 40 for the overdue amount against a quarter's revenue. An invoice 236 days overdue cannot be healthy.
 * No data: the company delivered no invoices, or none was due recently and nothing is overdue.
 */
import { formatMoney } from "../../format.ts";
import type { PaymentReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { count, linearScoreExact, type SignalScorer, say, units } from "./shared.ts";

export const scorePayment: SignalScorer<PaymentReason> = (inputs, settings) => {
  const payment = inputs.payment;
  const curve = settings.signals.payment;
  const hasLateness = payment.recentInvoices > 0 && payment.recentAvgDaysLate !== null;
  if (!inputs.sources.invoices) return { score: null, reason: { id: "payment.noData" } };
  if (!hasLateness && payment.overdueInvoices === 0) {
    return { score: null, reason: { id: "payment.noneDue", days: settings.recentWindowDays } };
  }
  const latenessScore = hasLateness
    ? linearScoreExact(worseThanHabit(payment, curve.zeroDaysLate), curve.fineDaysLate, curve.zeroDaysLate)
    : 100;
  const score = Math.max(0, latenessScore - outstandingPenalty(payment, inputs.orders.revenue365Cents));
  return {
    score: Math.round(score),
    reason: {
      id: "payment.found",
      late: hasLateness
        ? {
            recent: Math.round(payment.recentAvgDaysLate!),
            habit: payment.baselineAvgDaysLate === null ? null : Math.round(payment.baselineAvgDaysLate),
          }
        : null,
      overdue:
        payment.overdueInvoices > 0
          ? {
              cents: payment.overdueCents,
              invoices: payment.overdueInvoices,
              oldestDays: payment.oldestOverdueDays,
            }
          : null,
    },
  };
};

/** "betaalt gemiddeld 12 dagen te laat (was 2), € 15.000 achterstallig (oudste 236 dagen over tijd)". */
export function paymentText(reason: PaymentReason, locale: Locale): string {
  if (reason.id === "payment.noData") {
    return say(locale, {
      nl: "geen factuurgegevens aangeleverd",
      en: "no invoice data delivered",
      fr: "aucune donnée de facturation fournie",
    });
  }
  if (reason.id === "payment.noneDue") {
    return say(locale, {
      nl: `geen facturen vervallen in de laatste ${reason.days} dagen`,
      en: `no invoices due in the last ${reason.days} days`,
      fr: `aucune facture échue ces ${reason.days} derniers jours`,
    });
  }
  const overdue = reason.overdue && overdueText(reason.overdue, locale);
  if (!reason.late) return `${overdue} (${count(reason.overdue?.invoices ?? 0, locale, units.invoices)})`;
  const lateness = latenessSentence(reason.late.recent, reason.late.habit, locale);
  return overdue ? `${lateness}, ${overdue}` : lateness;
}

function overdueText(overdue: { cents: number; oldestDays: number | null }, locale: Locale): string {
  const amount = `${formatMoney(overdue.cents, locale)} ${say(locale, { nl: "achterstallig", en: "overdue", fr: "impayé" })}`;
  if (overdue.oldestDays === null || overdue.oldestDays <= 30) return amount;
  const days = count(overdue.oldestDays, locale, units.days);
  return (
    amount +
    say(locale, {
      nl: ` (oudste ${days} over tijd)`,
      en: ` (oldest ${days} past due)`,
      fr: ` (la plus ancienne échue depuis ${days})`,
    })
  );
}

/** Days paid later than the customer's own habit; very late payment counts on its own too. */
export function worseThanHabit(
  payment: { recentAvgDaysLate: number | null; baselineAvgDaysLate: number | null },
  zeroDaysLate: number,
): number {
  const recent = payment.recentAvgDaysLate ?? 0;
  const habit = payment.baselineAvgDaysLate ?? 0;
  return Math.max(recent - habit, (recent - zeroDaysLate) / 2);
}

/** Points off for what is outstanding: age of the oldest overdue invoice and the overdue amount. */
function outstandingPenalty(
  payment: { overdueCents: number; oldestOverdueDays: number | null },
  revenue365Cents: number,
): number {
  if (payment.oldestOverdueDays === null || payment.overdueCents <= 0) return 0;
  const age = 40 * Math.min(1, payment.oldestOverdueDays / 90);
  const quarterRevenue = Math.max(revenue365Cents / 4, 1);
  const amount = 40 * Math.min(1, payment.overdueCents / quarterRevenue);
  return age + amount;
}

/** Lateness in whole days, recent against the habit. */
function latenessSentence(recent: number, baseline: number | null, locale: Locale): string {
  const changed = baseline !== null && baseline !== recent;
  if (recent === 0) {
    if (!changed) return say(locale, { nl: "betaalt op tijd", en: "pays on time", fr: "paie à temps" });
    const before = count(baseline, locale, units.days);
    return say(locale, {
      nl: `betaalt op tijd (was ${before} te laat)`,
      en: `pays on time (was ${before} late)`,
      fr: `paie à temps (avant : ${before} de retard)`,
    });
  }
  const onTime = say(locale, { nl: "op tijd", en: "on time", fr: "à temps" });
  const was = changed
    ? say(locale, {
        nl: ` (was ${baseline === 0 ? onTime : baseline})`,
        en: ` (was ${baseline === 0 ? onTime : baseline})`,
        fr: ` (avant : ${baseline === 0 ? onTime : baseline})`,
      })
    : "";
  const days = count(recent, locale, units.days);
  return say(locale, {
    nl: `betaalt gemiddeld ${days} te laat${was}`,
    en: `pays ${days} late on average${was}`,
    fr: `paie en moyenne avec ${days} de retard${was}`,
  });
}
