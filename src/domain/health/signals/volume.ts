/**
 * Purchase volume: revenue in the recent window vs the customer's own rate over its actual history
 * before the window. Two-sided like frequency: more revenue than usual scores up to 100, as usual 80,
 * a drop falls to 0 at zeroDropPercent (75 %) less.
 *
 * No data below minBaselineOrders (4) baseline orders or without baseline revenue: a handful of large
 * orders makes any 90-day comparison noise.
 */
import { formatMoney, formatPercent } from "../../format.ts";
import {
  both,
  orderChangeVsBaseline,
  ownBaselineDays,
  type SignalScorer,
  say,
  twoSidedChangeScore,
} from "./shared.ts";

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
    score: twoSidedChangeScore(change, curve),
    reason: both((locale) => {
      if (orders.recentRevenueCents <= 0) {
        const usual = formatMoney(
          (orders.baselineRevenueCents * settings.recentWindowDays) /
            (ownBaselineDays(inputs, settings) ?? 1),
          locale,
        );
        return say(locale, {
          nl: `geen omzet in ${settings.recentWindowDays} dagen (normaal ${usual})`,
          en: `no revenue in ${settings.recentWindowDays} days (usually ${usual})`,
          fr: `aucun chiffre d'affaires en ${settings.recentWindowDays} jours (normalement ${usual})`,
        });
      }
      if (Math.abs(change) < curve.fineDropPercent) {
        return say(locale, {
          nl: "omzet zoals gewoonlijk",
          en: "revenue as usual",
          fr: "chiffre d'affaires habituel",
        });
      }
      const delta = formatPercent(change, locale, { signed: true });
      return say(locale, {
        nl: `omzet ${delta} t.o.v. gewoonlijk`,
        en: `revenue ${delta} vs usual`,
        fr: `chiffre d'affaires ${delta} par rapport à l'habitude`,
      });
    }),
  };
};
