/**
 * Purchase volume: revenue in the recent window vs the customer's own baseline rate
 * (baseline revenue × 90/365). Sub-score: linear on the drop, 100 at ≤ fineDropPercent (10 %) less,
 * 0 at ≥ zeroDropPercent (75 %) less; more revenue than usual is 100.
 *
 * No data below minBaselineOrders (4) baseline orders or without baseline revenue: a handful of large
 * orders makes any 90-day comparison noise.
 */
import { formatMoney, formatPercent } from "../../format.ts";
import { baselineScale, both, linearScore, orderChangeVsBaseline, type SignalScorer } from "./shared.ts";

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
      },
    };
  }
  return {
    score: linearScore(-change, curve.fineDropPercent, curve.zeroDropPercent),
    reason: both((locale) => {
      if (orders.recentRevenueCents <= 0) {
        const usual = formatMoney(orders.baselineRevenueCents * baselineScale(settings), locale);
        return locale === "nl"
          ? `geen omzet in ${settings.recentWindowDays} dagen (normaal ${usual})`
          : `no revenue in ${settings.recentWindowDays} days (usually ${usual})`;
      }
      if (Math.abs(change) < curve.fineDropPercent) {
        return locale === "nl" ? "omzet op het niveau van de baseline" : "revenue in line with baseline";
      }
      const delta = formatPercent(change, locale, { signed: true });
      return locale === "nl" ? `omzet ${delta} t.o.v. baseline` : `revenue ${delta} vs baseline`;
    }),
  };
};
