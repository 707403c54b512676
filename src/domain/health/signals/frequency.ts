/**
 * Purchase frequency: orders in the recent window vs the customer's own rate over its actual history
 * before the window (up to the baseline window). Two-sided: buying more often than usual is evidence
 * of health (up to 100), as usual scores 80, a drop falls to 0 at zeroDropPercent (75 %) fewer.
 *
 * No data below minBaselineOrders (4) earlier orders or two months of history: 0 orders in 90 days is
 * then chance, not a signal. The purchase rhythm covers those customers.
 */
import { formatNumber, formatPercent } from "../../format.ts";
import type { FrequencyReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import {
  orderChangeVsBaseline,
  ownBaselineDays,
  type SignalScorer,
  say,
  twoSidedChangeScore,
  wholePercent,
} from "./shared.ts";

export const scoreFrequency: SignalScorer<FrequencyReason> = (inputs, settings) => {
  const orders = inputs.orders;
  const curve = settings.signals.frequency;
  const change = orderChangeVsBaseline(inputs, settings, curve.minBaselineOrders, (o) => ({
    recent: o.recentCount,
    baseline: o.baselineCount,
  }));
  if (change === null) return { score: null, reason: { id: "frequency.tooFew" } };
  const score = twoSidedChangeScore(change, curve);
  if (orders.recentCount === 0) {
    const usual =
      (orders.baselineCount * settings.recentWindowDays) / (ownBaselineDays(inputs, settings) ?? 1);
    return {
      score,
      reason: { id: "frequency.none", days: settings.recentWindowDays, usual: Math.round(usual * 10) / 10 },
    };
  }
  if (Math.abs(change) < curve.fineDropPercent) return { score, reason: { id: "frequency.asUsual" } };
  return { score, reason: { id: "frequency.change", percent: wholePercent(change) } };
};

/** "bestelt 40 % minder vaak dan gewoonlijk" (a counterweight is added by reason-text.ts). */
export function frequencyText(reason: FrequencyReason, locale: Locale): string {
  switch (reason.id) {
    case "frequency.tooFew":
      return say(locale, {
        nl: "te weinig bestellingen vorig jaar om mee te vergelijken",
        en: "too few orders last year to compare with",
        fr: "trop peu de commandes l'an dernier pour comparer",
      });
    case "frequency.none": {
      const usual = formatUsual(reason.usual, locale);
      return say(locale, {
        nl: `geen bestellingen in ${reason.days} dagen (normaal ${usual})`,
        en: `no orders in ${reason.days} days (usually ${usual})`,
        fr: `aucune commande en ${reason.days} jours (normalement ${usual})`,
      });
    }
    case "frequency.asUsual":
      return say(locale, {
        nl: "bestelt even vaak als gewoonlijk",
        en: "orders as often as usual",
        fr: "commande aussi souvent que d'habitude",
      });
    case "frequency.change": {
      const size = formatPercent(Math.abs(reason.percent), locale);
      if (reason.percent > 0) {
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
    }
  }
}

/** Expected orders per window (already rounded to one decimal), the decimal only when it matters ("3", "1,5"). */
function formatUsual(expected: number, locale: Locale): string {
  return formatNumber(expected, locale, Number.isInteger(expected) ? 0 : 1);
}
