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
import type { Locale } from "../types.ts";
import { both, count, linearScoreExact, type SignalScorer, say, units } from "./shared.ts";

export const scorePayment: SignalScorer = (inputs, settings) => {
  const payment = inputs.payment;
  const curve = settings.signals.payment;
  const hasLateness = payment.recentInvoices > 0 && payment.recentAvgDaysLate !== null;
  if (!inputs.sources.invoices || (!hasLateness && payment.overdueInvoices === 0)) {
    return {
      score: null,
      reason: inputs.sources.invoices
        ? {
            nl: `geen facturen vervallen in de laatste ${settings.recentWindowDays} dagen`,
            en: `no invoices due in the last ${settings.recentWindowDays} days`,
            fr: `aucune facture échue ces ${settings.recentWindowDays} derniers jours`,
          }
        : {
            nl: "geen factuurgegevens aangeleverd",
            en: "no invoice data delivered",
            fr: "aucune donnée de facturation fournie",
          },
    };
  }
  const latenessScore = hasLateness
    ? linearScoreExact(worseThanHabit(payment, curve.zeroDaysLate), curve.fineDaysLate, curve.zeroDaysLate)
    : 100;
  const score = Math.max(0, latenessScore - outstandingPenalty(payment, inputs.orders.revenue365Cents));
  return {
    score: Math.round(score),
    reason: both((locale) => {
      const overdue =
        payment.overdueInvoices > 0
          ? `${formatMoney(payment.overdueCents, locale)} ${say(locale, { nl: "achterstallig", en: "overdue", fr: "impayé" })}` +
            (payment.oldestOverdueDays !== null && payment.oldestOverdueDays > 30
              ? say(locale, {
                  nl: ` (oudste ${count(payment.oldestOverdueDays, locale, units.days)} over tijd)`,
                  en: ` (oldest ${count(payment.oldestOverdueDays, locale, units.days)} past due)`,
                  fr: ` (la plus ancienne échue depuis ${count(payment.oldestOverdueDays, locale, units.days)})`,
                })
              : "")
          : null;
      if (!hasLateness) return `${overdue} (${count(payment.overdueInvoices, locale, units.invoices)})`;
      const lateness = latenessSentence(payment.recentAvgDaysLate!, payment.baselineAvgDaysLate, locale);
      return overdue ? `${lateness}, ${overdue}` : lateness;
    }),
  };
};

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

function latenessSentence(recentDaysLate: number, baselineDaysLate: number | null, locale: Locale): string {
  const recent = Math.round(recentDaysLate);
  const baseline = baselineDaysLate === null ? null : Math.round(baselineDaysLate);
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
