/**
 * Owner pulse: the account owner's own 0–10 estimate ("how likely is Acme to recommend us?").
 * Sub-score: linear from zeroAt (0 → 0) to fullAt (10 → 100), so 5/10 scores 50.
 * No data: no answer, or the latest one is older than pulseMaxAgeDays (90): an old hunch is not news.
 */
import { daysBetween } from "../../dates.ts";
import type { PulseReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { linearScore, type SignalScorer, say } from "./shared.ts";

export const scorePulse: SignalScorer<PulseReason> = (inputs, settings) => {
  const { latestScore, answeredOn } = inputs.pulse;
  if (latestScore === null) return { score: null, reason: { id: "pulse.none" } };
  if (answeredOn !== null && daysBetween(answeredOn, inputs.asOf) > settings.pulseMaxAgeDays) {
    return { score: null, reason: { id: "pulse.old", days: settings.pulseMaxAgeDays } };
  }
  const curve = settings.signals.pulse;
  return {
    score: linearScore(latestScore, curve.fullAt, curve.zeroAt),
    reason: { id: "pulse.answer", score: latestScore },
  };
};

/** "accountmanager schat 4/10". */
export function pulseText(reason: PulseReason, locale: Locale): string {
  switch (reason.id) {
    case "pulse.none":
      return say(locale, {
        nl: "geen recente inschatting van de accountmanager",
        en: "no recent estimate by the account manager",
        fr: "pas d'estimation récente du gestionnaire de compte",
      });
    case "pulse.old":
      return say(locale, {
        nl: `inschatting van de accountmanager is ouder dan ${reason.days} dagen`,
        en: `the account manager's estimate is older than ${reason.days} days`,
        fr: `l'estimation du gestionnaire de compte date de plus de ${reason.days} jours`,
      });
    case "pulse.answer":
      return say(locale, {
        nl: `accountmanager schat ${reason.score}/10`,
        en: `account manager rates ${reason.score}/10`,
        fr: `le gestionnaire de compte estime ${reason.score}/10`,
      });
  }
}
