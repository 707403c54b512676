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
import { type FeatureName, featureIndex } from "./features.ts";
import type { Counterweight, SignalReason } from "./reasons.ts";
import { say } from "./signals/shared.ts";
import type { Locale, SignalInputs, SignalKey } from "./types.ts";

interface CounterweightFeatures {
  level: FeatureName;
  change: FeatureName;
  /** The level's figure: order days or revenue in cents over twelve months. */
  value(inputs: SignalInputs): number;
  /** "48 besteldagen in 12 mnd", "€ 217.438 omzet in 12 mnd". */
  describe(value: number, locale: Locale): string;
}

const counterweights: Partial<Record<SignalKey, CounterweightFeatures>> = {
  frequency: {
    level: "frequency.logOrderDays365",
    change: "frequency.change",
    value: (inputs) => inputs.orders.orderDays365,
    describe: (days, locale) =>
      say(locale, {
        nl: `${formatNumber(days, locale)} besteldagen in 12 mnd`,
        en: `${formatNumber(days, locale)} order days in 12 months`,
        fr: `${formatNumber(days, locale)} jours de commande sur 12 mois`,
      }),
  },
  volume: {
    level: "volume.logRevenue365",
    change: "volume.change",
    value: (inputs) => Math.max(0, inputs.orders.revenue365Cents),
    describe: (cents, locale) => {
      const revenue = formatMoney(cents, locale);
      return say(locale, {
        nl: `${revenue} omzet in 12 mnd`,
        en: `${revenue} revenue in 12 months`,
        fr: `${revenue} de chiffre d'affaires sur 12 mois`,
      });
    },
  },
};

/**
 * The reason with its counterweight (`but`) when the level and the change pull opposite ways and the
 * level wins the sign of the signal's (rounded) points; otherwise the reason as it is.
 * `featurePoints` are the per-feature points (positive = healthier) before rounding, in the order of
 * `featureNames`.
 */
export function withCounterweight(
  key: SignalKey,
  reason: SignalReason,
  points: number,
  featurePoints: ArrayLike<number>,
  inputs: SignalInputs,
): SignalReason {
  const counterweight = counterweights[key];
  if (!counterweight || points === 0) return reason;
  const level = featurePoints[featureIndex[counterweight.level]] ?? 0;
  const change = featurePoints[featureIndex[counterweight.change]] ?? 0;
  const levelWins = Math.sign(level) === Math.sign(points) && Math.sign(change) === -Math.sign(points);
  if (!levelWins) return reason;
  const but: Counterweight = { side: points > 0 ? "outweighs" : "low", value: counterweight.value(inputs) };
  return { ...reason, but } as SignalReason;
}

/** ", maar zwaarder weegt: 48 besteldagen in 12 mnd" — the clause added to the signal's sentence. */
export function counterweightClause(key: SignalKey, but: Counterweight, locale: Locale): string {
  const counterweight = counterweights[key];
  if (!counterweight) return "";
  const what = counterweight.describe(but.value, locale);
  return but.side === "outweighs"
    ? say(locale, {
        nl: `, maar zwaarder weegt: ${what}`,
        en: `, but outweighed by ${what}`,
        fr: `, mais compensé par ${what}`,
      })
    : say(locale, { nl: `, maar laag: ${what}`, en: `, but low: ${what}`, fr: `, mais faible : ${what}` });
}
