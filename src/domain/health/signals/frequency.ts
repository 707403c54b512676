/**
 * Purchase frequency: orders in the recent window vs the customer's own baseline rate
 * (baseline orders × 90/365). Sub-score: linear on the drop, 100 at ≤ fineDropPercent (10 %) fewer
 * orders, 0 at ≥ zeroDropPercent (75 %) fewer; more orders than usual is 100.
 *
 * No data below minBaselineOrders (4) baseline orders: with less than about one expected order per
 * window, 0 orders in 90 days is chance, not a signal. Recency covers those customers.
 */
import { formatNumber, formatPercent } from "../../format.ts";
import type { Locale } from "../types.ts";
import { baselineScale, both, linearScore, orderChangeVsBaseline, type SignalScorer, say } from "./shared.ts";

export const scoreFrequency: SignalScorer = (inputs, settings) => {
  const orders = inputs.orders;
  const curve = settings.signals.frequency;
  const change = orderChangeVsBaseline(inputs, settings, curve.minBaselineOrders, (o) => ({
    recent: o.recentCount,
    baseline: o.baselineCount,
  }));
  if (change === null) {
    return {
      score: null,
      reason: {
        nl: "te weinig bestellingen vorig jaar om mee te vergelijken",
        en: "too few orders last year to compare with",
        fr: "trop peu de commandes l'an dernier pour comparer",
      },
    };
  }
  const drop = -change;
  return {
    score: linearScore(drop, curve.fineDropPercent, curve.zeroDropPercent),
    reason: both((locale) => {
      if (orders.recentCount === 0) {
        const usual = formatUsual(orders.baselineCount * baselineScale(settings), locale);
        return say(locale, {
          nl: `geen bestellingen in ${settings.recentWindowDays} dagen (normaal ${usual})`,
          en: `no orders in ${settings.recentWindowDays} days (usually ${usual})`,
          fr: `aucune commande en ${settings.recentWindowDays} jours (normalement ${usual})`,
        });
      }
      if (Math.abs(change) < curve.fineDropPercent) {
        return say(locale, {
          nl: "bestelt even vaak als gewoonlijk",
          en: "orders as often as usual",
          fr: "commande aussi souvent que d'habitude",
        });
      }
      const size = formatPercent(Math.abs(change), locale);
      if (change > 0) {
        return say(locale, {
          nl: `bestelt ${size} vaker dan vorig jaar`,
          en: `orders ${size} more often than last year`,
          fr: `commande ${size} plus souvent que l'an dernier`,
        });
      }
      return say(locale, {
        nl: `bestelt ${size} minder vaak dan vorig jaar`,
        en: `orders ${size} less often than last year`,
        fr: `commande ${size} moins souvent que l'an dernier`,
      });
    }),
  };
};

/** Expected orders per window, one decimal only when it matters ("3", "1,5"). */
function formatUsual(expected: number, locale: Locale): string {
  const rounded = Math.round(expected * 10) / 10;
  return formatNumber(rounded, locale, Number.isInteger(rounded) ? 0 : 1);
}
