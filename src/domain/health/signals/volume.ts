/**
 * Purchase volume: revenue in the recent window vs the customer's own rate over its actual history
 * before the window. Two-sided like frequency: more revenue than usual scores up to 100, as usual 80,
 * a drop falls to 0 at zeroDropPercent (75 %) less.
 *
 * No data below minBaselineOrders (4) baseline orders or without baseline revenue: a handful of large
 * orders makes any 90-day comparison noise.
 */
import { formatMoney, formatPercent } from "../../format.ts";
import type { VolumeReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import {
  orderChangeVsBaseline,
  ownBaselineDays,
  type SignalScorer,
  say,
  twoSidedChangeScore,
  wholePercent,
} from "./shared.ts";

export const scoreVolume: SignalScorer<VolumeReason> = (inputs, settings) => {
  const orders = inputs.orders;
  const curve = settings.signals.volume;
  const change = orderChangeVsBaseline(inputs, settings, curve.minBaselineOrders, (o) => ({
    recent: o.recentRevenueCents,
    baseline: o.baselineRevenueCents,
  }));
  if (change === null) return { score: null, reason: { id: "volume.tooFew" } };
  const score = twoSidedChangeScore(change, curve);
  if (orders.recentRevenueCents <= 0) {
    const usualCents =
      (orders.baselineRevenueCents * settings.recentWindowDays) / (ownBaselineDays(inputs, settings) ?? 1);
    return {
      score,
      reason: { id: "volume.none", days: settings.recentWindowDays, usualCents: Math.round(usualCents) },
    };
  }
  if (Math.abs(change) < curve.fineDropPercent) return { score, reason: { id: "volume.asUsual" } };
  return { score, reason: { id: "volume.change", percent: wholePercent(change) } };
};

/** "omzet −40 % t.o.v. gewoonlijk" (a counterweight is added by reason-text.ts). */
export function volumeText(reason: VolumeReason, locale: Locale): string {
  switch (reason.id) {
    case "volume.tooFew":
      return say(locale, {
        nl: "te weinig omzet vorig jaar om mee te vergelijken",
        en: "too little revenue last year to compare with",
        fr: "trop peu de chiffre d'affaires l'an dernier pour comparer",
      });
    case "volume.none": {
      const usual = formatMoney(reason.usualCents, locale);
      return say(locale, {
        nl: `geen omzet in ${reason.days} dagen (normaal ${usual})`,
        en: `no revenue in ${reason.days} days (usually ${usual})`,
        fr: `aucun chiffre d'affaires en ${reason.days} jours (normalement ${usual})`,
      });
    }
    case "volume.asUsual":
      return say(locale, {
        nl: "omzet zoals gewoonlijk",
        en: "revenue as usual",
        fr: "chiffre d'affaires habituel",
      });
    case "volume.change": {
      const delta = formatPercent(reason.percent, locale, { signed: true });
      return say(locale, {
        nl: `omzet ${delta} t.o.v. gewoonlijk`,
        en: `revenue ${delta} vs usual`,
        fr: `chiffre d'affaires ${delta} par rapport à l'habitude`,
      });
    }
  }
}
