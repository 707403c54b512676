/**
 * Payment behaviour. Sub-score: linear on the recent average days late, 100 at ≤ fineDaysLate (3) and
 * 0 at ≥ zeroDaysLate (30), minus overduePenaltyPerInvoice (5) per invoice that is past due and unpaid,
 * clamped to 0..100.
 *
 * Lateness is judged on its own, not against the customer's habit: a customer who always paid 20 days
 * late still costs cash. The baseline appears in the sentence ("(was 3)") so a change is visible.
 * No data: no invoice due in the recent window and nothing overdue.
 */
import { formatMoney } from "../../format.ts";
import type { Locale } from "../types.ts";
import { both, count, linearScoreExact, type SignalScorer, say, units } from "./shared.ts";

export const scorePayment: SignalScorer = (inputs, settings) => {
  const payment = inputs.payment;
  const curve = settings.signals.payment;
  const hasLateness = payment.recentInvoices > 0 && payment.recentAvgDaysLate !== null;
  if (!hasLateness && payment.overdueInvoices === 0) {
    return {
      score: null,
      reason: {
        nl: `geen facturen vervallen in de laatste ${settings.recentWindowDays} dagen`,
        en: `no invoices due in the last ${settings.recentWindowDays} days`,
        fr: `aucune facture échue ces ${settings.recentWindowDays} derniers jours`,
      },
    };
  }
  const latenessScore = hasLateness
    ? linearScoreExact(payment.recentAvgDaysLate!, curve.fineDaysLate, curve.zeroDaysLate)
    : 100;
  const score = Math.max(0, latenessScore - payment.overdueInvoices * curve.overduePenaltyPerInvoice);
  return {
    score: Math.round(score),
    reason: both((locale) => {
      const overdue =
        payment.overdueInvoices > 0
          ? `${formatMoney(payment.overdueCents, locale)} ${say(locale, { nl: "achterstallig", en: "overdue", fr: "en souffrance" })}`
          : null;
      if (!hasLateness) return `${overdue} (${count(payment.overdueInvoices, locale, units.invoices)})`;
      const lateness = latenessSentence(payment.recentAvgDaysLate!, payment.baselineAvgDaysLate, locale);
      return overdue ? `${lateness}, ${overdue}` : lateness;
    }),
  };
};

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
