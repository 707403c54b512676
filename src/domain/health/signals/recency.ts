/**
 * Recency: days since the last order against the customer's usual interval between orders.
 * Sub-score: linear on days ÷ interval, 100 at ≤ fineIntervalRatio (1.5×) and 0 at ≥ zeroIntervalRatio
 * (4×). The interval is at least minIntervalDays (7) so daily buyers are not alarmed by a holiday.
 *
 * Without a usual interval (fewer than 2 baseline orders) only the churn rule is left: 100 up to half of
 * churnAfterDays, 0 at churnAfterDays (the customer then counts as churned anyway).
 * No data: the customer never ordered.
 */
import type { Locale } from "../types.ts";
import { both, count, linearScore, type SignalScorer, say, units } from "./shared.ts";

export const scoreRecency: SignalScorer = (inputs, settings) => {
  const { daysSinceLastOrder, typicalIntervalDays } = inputs.orders;
  const curve = settings.signals.recency;
  if (daysSinceLastOrder === null) {
    return {
      score: null,
      reason: { nl: "nog nooit besteld", en: "has never ordered", fr: "n'a jamais commandé" },
    };
  }
  if (typicalIntervalDays === null) {
    const score = linearScore(daysSinceLastOrder, settings.churnAfterDays / 2, settings.churnAfterDays);
    return {
      score,
      reason: both((locale) => sentence(daysSinceLastOrder, null, score === 100, locale)),
    };
  }
  const interval = Math.max(typicalIntervalDays, curve.minIntervalDays);
  const score = Math.min(
    linearScore(daysSinceLastOrder / interval, curve.fineIntervalRatio, curve.zeroIntervalRatio),
    // A regular buyer past the churn period is churned, whatever its rhythm was.
    daysSinceLastOrder >= settings.churnAfterDays ? 0 : 100,
  );
  return {
    score,
    reason: both((locale) =>
      sentence(daysSinceLastOrder, Math.round(typicalIntervalDays), score === 100, locale),
    ),
  };
};

function sentence(days: number, usualInterval: number | null, onRhythm: boolean, locale: Locale): string {
  const usual =
    usualInterval === null
      ? ""
      : say(locale, {
          nl: ` (normaal elke ${usualInterval})`,
          en: ` (usually every ${usualInterval})`,
          fr: ` (normalement tous les ${usualInterval})`,
        });
  if (!onRhythm) {
    return say(locale, {
      nl: `al ${count(days, locale, units.days)} geen bestelling${usual}`,
      en: `no order for ${count(days, locale, units.days)}${usual}`,
      fr: `aucune commande depuis ${count(days, locale, units.days)}${usual}`,
    });
  }
  if (days === 0) {
    return say(locale, {
      nl: `laatste bestelling vandaag${usual}`,
      en: `last order today${usual}`,
      fr: `dernière commande aujourd'hui${usual}`,
    });
  }
  return say(locale, {
    nl: `laatste bestelling ${count(days, locale, units.days)} geleden${usual}`,
    en: `last order ${count(days, locale, units.days)} ago${usual}`,
    fr: `dernière commande il y a ${count(days, locale, units.days)}${usual}`,
  });
}
