/**
 * Owner pulse: the account owner's own 0–10 estimate ("how likely is Acme to recommend us?").
 * Sub-score: linear from zeroAt (0 → 0) to fullAt (10 → 100), so 5/10 scores 50.
 * No data: no answer, or the latest one is older than pulseMaxAgeDays (90): an old hunch is not news.
 */
import { daysBetween } from "../../dates.ts";
import { linearScore, type SignalScorer } from "./shared.ts";

export const scorePulse: SignalScorer = (inputs, settings) => {
  const { latestScore, answeredOn } = inputs.pulse;
  if (latestScore === null) {
    return {
      score: null,
      reason: {
        nl: "geen recente inschatting van de accountmanager",
        en: "no recent estimate by the account manager",
        fr: "pas d'estimation récente du gestionnaire de compte",
      },
    };
  }
  if (answeredOn !== null && daysBetween(answeredOn, inputs.asOf) > settings.pulseMaxAgeDays) {
    return {
      score: null,
      reason: {
        nl: `inschatting van de accountmanager is ouder dan ${settings.pulseMaxAgeDays} dagen`,
        en: `the account manager's estimate is older than ${settings.pulseMaxAgeDays} days`,
        fr: `l'estimation du gestionnaire de compte date de plus de ${settings.pulseMaxAgeDays} jours`,
      },
    };
  }
  const curve = settings.signals.pulse;
  return {
    score: linearScore(latestScore, curve.fullAt, curve.zeroAt),
    reason: {
      nl: `accountmanager schat ${latestScore}/10`,
      en: `account manager rates ${latestScore}/10`,
      fr: `le gestionnaire de compte estime ${latestScore}/10`,
    },
  };
};
