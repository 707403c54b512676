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
import type { RecencyReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { count, linearScore, type SignalScorer, say, units } from "./shared.ts";

export const scoreRecency: SignalScorer<RecencyReason> = (inputs, settings) => {
  const { daysSinceLastOrder, typicalIntervalDays, rhythm, repeatOrderDays } = inputs.orders;
  if (daysSinceLastOrder === null) return { score: null, reason: { id: "recency.never" } };
  const usual = typicalIntervalDays === null ? null : Math.max(1, Math.round(typicalIntervalDays));
  const oneTime = repeatOrderDays === 0;
  if (rhythm !== null) {
    const now = Math.round(rhythm.pOrder * 100);
    const was = Math.round(rhythm.pOrderAtLastOrder * 100);
    // Written out, not spread from a shared object: the spread was most of this signal's cost.
    const chance = { horizon: rhythm.horizonDays, now, was };
    return { score: now, reason: { id: "recency.last", days: daysSinceLastOrder, usual, oneTime, chance } };
  }
  const curve = settings.signals.recency;
  const interval = Math.max(typicalIntervalDays ?? settings.churnAfterDays / 3, curve.minIntervalDays);
  const score = linearScore(daysSinceLastOrder / interval, curve.fineIntervalRatio, curve.zeroIntervalRatio);
  return { score, reason: { id: "recency.last", days: daysSinceLastOrder, usual, oneTime } };
};

/** "laatste bestelling 74 dagen geleden, normaal elke 21 dagen — kans op een nieuwe bestelling binnen 90 dagen 18 % (was 85 %)". */
export function recencyText(reason: RecencyReason, locale: Locale): string {
  if (reason.id === "recency.never") {
    return say(locale, { nl: "nog nooit besteld", en: "has never ordered", fr: "n'a jamais commandé" });
  }
  const last = lastOrderPhrase(reason.days, reason.usual, reason.oneTime, locale);
  if (!reason.chance) return last;
  const { horizon } = reason.chance;
  const now = formatPercent(reason.chance.now, locale);
  const was = reason.chance.was === reason.chance.now ? "" : formatPercent(reason.chance.was, locale);
  const chance = say(locale, {
    nl: `kans op een nieuwe bestelling binnen ${horizon} dagen ${now}${was && ` (was ${was})`}`,
    en: `chance of a new order within ${horizon} days ${now}${was && ` (was ${was})`}`,
    fr: `probabilité d'une nouvelle commande dans les ${horizon} jours ${now}${was && ` (avant : ${was})`}`,
  });
  return `${last} — ${chance}`;
}

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
