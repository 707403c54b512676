/**
 * Purchase volume: revenue in the recent window vs the customer's own baseline rate
 * (baseline revenue × 90/365). Sub-score: linear on the drop, 100 at ≤ fineDropPercent (10 %) less,
 * 0 at ≥ zeroDropPercent (75 %) less; more revenue than usual is 100.
 *
 * No data below minBaselineOrders (4) baseline orders or without baseline revenue: a handful of large
 * orders makes any 90-day comparison noise.
 */
import { formatMoney, formatPercent } from "../../format.ts";
import { baselineScale, both, linearScore, orderChangeVsBaseline, type SignalScorer, say } from "./shared.ts";

export const scoreVolume: SignalScorer = (inputs, settings) => {
  const orders = inputs.orders;
  const curve = settings.signals.volume;
  const change = orderChangeVsBaseline(inputs, settings, curve.minBaselineOrders, (o) => ({
    recent: o.recentRevenueCents,
    baseline: o.baselineRevenueCents,
  }));
  if (change === null) {
    return {
      score: null,
      reason: {
        nl: "te weinig omzet vorig jaar om mee te vergelijken",
        en: "too little revenue last year to compare with",
        fr: "trop peu de chiffre d'affaires l'an dernier pour comparer",
      },
    };
  }
  return {
    score: linearScore(-change, curve.fineDropPercent, curve.zeroDropPercent),
    reason: both((locale) => {
      if (orders.recentRevenueCents <= 0) {
        const usual = formatMoney(orders.baselineRevenueCents * baselineScale(settings), locale);
        return say(locale, {
          nl: `geen omzet in ${settings.recentWindowDays} dagen (normaal ${usual})`,
          en: `no revenue in ${settings.recentWindowDays} days (usually ${usual})`,
          fr: `aucun chiffre d'affaires en ${settings.recentWindowDays} jours (normalement ${usual})`,
        });
      }
      if (Math.abs(change) < curve.fineDropPercent) {
        return say(locale, {
          nl: "omzet op het niveau van vorig jaar",
          en: "revenue in line with last year",
          fr: "chiffre d'affaires au niveau de l'an dernier",
        });
      }
      const delta = formatPercent(change, locale, { signed: true });
      // The baseline is the customer's own previous year, scaled to the window: say so in words.
      return say(locale, {
        nl: `omzet ${delta} t.o.v. vorig jaar`,
        en: `revenue ${delta} against last year`,
        fr: `chiffre d'affaires ${delta} par rapport à l'an dernier`,
      });
    }),
  };
};
