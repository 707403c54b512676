/**
 * Customer NPS: the latest answer (within a year, chosen by the scoring SQL). Sub-score: linear from
 * zeroAt (2 → 0) to fullAt (9 → 100), so promoters score 100, a 7 scores 71 and a 4 scores 29.
 * The previous answer only shows in the sentence; the latest answer already is the current opinion.
 * No data: no answer, or the company delivered no NPS data at all.
 */
import { classifyNps, npsCategoryLabel } from "../../kpi/nps.ts";
import { both, linearScore, type SignalScorer } from "./shared.ts";

export const scoreNps: SignalScorer = (inputs, settings) => {
  if (!inputs.sources.nps) {
    return {
      score: null,
      reason: {
        nl: "geen NPS-gegevens aangeleverd",
        en: "no NPS data delivered",
        fr: "aucune donnée NPS fournie",
      },
    };
  }
  const { latestScore, previousScore } = inputs.nps;
  if (latestScore === null) {
    return {
      score: null,
      reason: {
        nl: "geen NPS-antwoord in het afgelopen jaar",
        en: "no NPS answer in the past year",
        fr: "aucune réponse NPS au cours de l'année écoulée",
      },
    };
  }
  const curve = settings.signals.nps;
  const category = classifyNps(latestScore);
  return {
    score: linearScore(latestScore, curve.fullAt, curve.zeroAt),
    reason: both((locale) => {
      const before = locale === "fr" ? "avant" : "was";
      const was =
        previousScore !== null && previousScore !== latestScore ? `, ${before} ${previousScore}` : "";
      return `NPS ${latestScore} (${npsCategoryLabel(category, locale)}${was})`;
    }),
  };
};
