/**
 * When a signal's points and its sentence seem to disagree, say why.
 *
 * Frequency and volume each weigh two features in the calibrated model: the change against the
 * customer's own habit and the level over the last twelve months. For a large regular customer whose
 * orders just dropped, the level can outweigh the drop, and the card would read
 * "bestelfrequentie (+3): bestelt 94 % minder vaak dan gewoonlijk" — true, but it looks like a mistake.
 * The sentence then names the counterweight: "…, maar zwaarder weegt: 48 besteldagen in 12 mnd". The
 * points are not changed: they are what the model computed and still add up to the score.
 */
import { formatMoney, formatNumber } from "../format.ts";
import type { FeatureName } from "./features.ts";
import { both, say } from "./signals/shared.ts";
import type { Locale, LocalizedText, SignalInputs, SignalKey } from "./types.ts";

interface Counterweight {
  level: FeatureName;
  change: FeatureName;
  /** "48 besteldagen in 12 mnd", "€ 217.438 omzet in 12 mnd". */
  describe(inputs: SignalInputs, locale: Locale): string;
}

const counterweights: Partial<Record<SignalKey, Counterweight>> = {
  frequency: {
    level: "frequency.logOrderDays365",
    change: "frequency.change",
    describe: (inputs, locale) =>
      say(locale, {
        nl: `${formatNumber(inputs.orders.orderDays365, locale)} besteldagen in 12 mnd`,
        en: `${formatNumber(inputs.orders.orderDays365, locale)} order days in 12 months`,
        fr: `${formatNumber(inputs.orders.orderDays365, locale)} jours de commande sur 12 mois`,
      }),
  },
  volume: {
    level: "volume.logRevenue365",
    change: "volume.change",
    describe: (inputs, locale) => {
      const revenue = formatMoney(Math.max(0, inputs.orders.revenue365Cents), locale);
      return say(locale, {
        nl: `${revenue} omzet in 12 mnd`,
        en: `${revenue} revenue in 12 months`,
        fr: `${revenue} de chiffre d'affaires sur 12 mois`,
      });
    },
  },
};

/**
 * The reason with its counterweight named when the level and the change pull opposite ways and the
 * level wins the sign of the signal's (rounded) points; otherwise the reason as it is.
 * `featurePoints` are the per-feature points (positive = healthier) before rounding.
 */
export function withCounterweight(
  key: SignalKey,
  reason: LocalizedText,
  points: number,
  featurePoints: ReadonlyMap<FeatureName, number>,
  inputs: SignalInputs,
): LocalizedText {
  const counterweight = counterweights[key];
  if (!counterweight || points === 0) return reason;
  const level = featurePoints.get(counterweight.level) ?? 0;
  const change = featurePoints.get(counterweight.change) ?? 0;
  const levelWins = Math.sign(level) === Math.sign(points) && Math.sign(change) === -Math.sign(points);
  if (!levelWins) return reason;
  return both((locale) => {
    const what = counterweight.describe(inputs, locale);
    const clause =
      points > 0
        ? say(locale, {
            nl: `maar zwaarder weegt: ${what}`,
            en: `but outweighed by ${what}`,
            fr: `mais compensé par ${what}`,
          })
        : say(locale, { nl: `maar laag: ${what}`, en: `but low: ${what}`, fr: `mais faible : ${what}` });
    return `${reason[locale]}, ${clause}`;
  });
}
