/**
 * Purchase rhythm: the chance that the customer orders again within the horizon (90 days), from the
 * repeat-buying model fitted on the company's own book (see ../bgnbd.ts). Continuous, aware of the
 * customer's own rate and age; a one-time buyer is evidence (its chance falls as its first order ages),
 * not missing data. Sub-score = that chance in %.
 *
 * Fallback when no model could be fitted (a book with hardly any repeat orders): days since the last
 * order against the usual interval, linear between fineIntervalRatio (100) and zeroIntervalRatio (0).
 * No data: the customer never ordered.
 */
import { formatPercent } from "../../format.ts";
import type { Locale } from "../types.ts";
import { both, count, linearScore, type SignalScorer, say, units } from "./shared.ts";

export const scoreRecency: SignalScorer = (inputs, settings) => {
  const { daysSinceLastOrder, typicalIntervalDays, rhythm, repeatOrderDays } = inputs.orders;
  if (daysSinceLastOrder === null) {
    return {
      score: null,
      reason: { nl: "nog nooit besteld", en: "has never ordered", fr: "n'a jamais commandé" },
    };
  }
  const usual = typicalIntervalDays === null ? null : Math.max(1, Math.round(typicalIntervalDays));
  if (rhythm !== null) {
    const score = Math.round(rhythm.pOrder * 100);
    return {
      score,
      reason: both((locale) => {
        const last = lastOrderPhrase(daysSinceLastOrder, usual, repeatOrderDays === 0, locale);
        const now = formatPercent(rhythm.pOrder * 100, locale);
        const was = formatPercent(rhythm.pOrderAtLastOrder * 100, locale);
        const changed = Math.round(rhythm.pOrder * 100) !== Math.round(rhythm.pOrderAtLastOrder * 100);
        const chance = say(locale, {
          nl: `kans op een nieuwe bestelling binnen ${rhythm.horizonDays} dagen ${now}${changed ? ` (was ${was})` : ""}`,
          en: `chance of a new order within ${rhythm.horizonDays} days ${now}${changed ? ` (was ${was})` : ""}`,
          fr: `probabilité d'une nouvelle commande dans les ${rhythm.horizonDays} jours ${now}${changed ? ` (avant : ${was})` : ""}`,
        });
        return `${last} — ${chance}`;
      }),
    };
  }
  const curve = settings.signals.recency;
  const interval = Math.max(typicalIntervalDays ?? settings.churnAfterDays / 3, curve.minIntervalDays);
  const score = linearScore(daysSinceLastOrder / interval, curve.fineIntervalRatio, curve.zeroIntervalRatio);
  return {
    score,
    reason: both((locale) => lastOrderPhrase(daysSinceLastOrder, usual, repeatOrderDays === 0, locale)),
  };
};

function lastOrderPhrase(
  days: number,
  usualInterval: number | null,
  oneTime: boolean,
  locale: Locale,
): string {
  const span = count(days, locale, units.days);
  const ago =
    days === 0
      ? say(locale, { nl: "vandaag", en: "today", fr: "aujourd'hui" })
      : say(locale, { nl: `${span} geleden`, en: `${span} ago`, fr: `il y a ${span}` });
  if (oneTime)
    return say(locale, {
      nl: `één bestelling, ${ago}`,
      en: `one order, ${ago}`,
      fr: `une seule commande, ${ago}`,
    });
  const every = usualInterval === null ? null : count(usualInterval, locale, units.days);
  const usual =
    every === null
      ? ""
      : say(locale, {
          nl: `, normaal elke ${every}`,
          en: `, usually every ${every}`,
          fr: `, normalement tous les ${every}`,
        });
  return say(locale, {
    nl: `laatste bestelling ${ago}${usual}`,
    en: `last order ${ago}${usual}`,
    fr: `dernière commande ${ago}${usual}`,
  });
}
