/**
 * Purchase frequency: orders in the recent window vs the customer's own rate over its actual history
 * before the window (up to the baseline window). Two-sided: buying more often than usual is evidence
 * of health (up to 100), as usual scores 80, a drop falls to 0 at zeroDropPercent (75 %) fewer.
 *
 * No data below minBaselineOrders (4) earlier orders or two months of history: 0 orders in 90 days is
 * then chance, not a signal. The purchase rhythm covers those customers.
 */
import { formatNumber, formatPercent } from "../../format.ts";
import type { Locale } from "../types.ts";
import {
  both,
  orderChangeVsBaseline,
  ownBaselineDays,
  type SignalScorer,
  say,
  twoSidedChangeScore,
} from "./shared.ts";

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
  return {
    score: twoSidedChangeScore(change, curve),
    reason: both((locale) => {
      if (orders.recentCount === 0) {
        const usual = formatUsual(
          (orders.baselineCount * settings.recentWindowDays) / (ownBaselineDays(inputs, settings) ?? 1),
          locale,
        );
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
          nl: `bestelt ${size} vaker dan gewoonlijk`,
          en: `orders ${size} more often than usual`,
          fr: `commande ${size} plus souvent que d'habitude`,
        });
      }
      return say(locale, {
        nl: `bestelt ${size} minder vaak dan gewoonlijk`,
        en: `orders ${size} less often than usual`,
        fr: `commande ${size} moins souvent que d'habitude`,
      });
    }),
  };
};

/** Expected orders per window, one decimal only when it matters ("3", "1,5"). */
function formatUsual(expected: number, locale: Locale): string {
  const rounded = Math.round(expected * 10) / 10;
  return formatNumber(rounded, locale, Number.isInteger(rounded) ? 0 : 1);
}
