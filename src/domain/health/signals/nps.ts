/**
 * Customer NPS: the latest answer (within a year, chosen by the scoring SQL). Sub-score: linear from
 * zeroAt (2 → 0) to fullAt (9 → 100), so promoters score 100, a 7 scores 71 and a 4 scores 29.
 * The previous answer only shows in the sentence; the latest answer already is the current opinion.
 * No data: no answer, or the company delivered no NPS data at all.
 */
import { classifyNps, npsCategoryLabel } from "../../kpi/nps.ts";
import type { NpsReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { linearScore, type SignalScorer, say } from "./shared.ts";

export const scoreNps: SignalScorer<NpsReason> = (inputs, settings) => {
  if (!inputs.sources.nps) return { score: null, reason: { id: "nps.noData" } };
  const { latestScore, previousScore } = inputs.nps;
  if (latestScore === null) return { score: null, reason: { id: "nps.none" } };
  const curve = settings.signals.nps;
  return {
    score: linearScore(latestScore, curve.fullAt, curve.zeroAt),
    reason: { id: "nps.answer", latest: latestScore, previous: previousScore },
  };
};

/** "NPS 4 (criticaster, was 8)". */
export function npsText(reason: NpsReason, locale: Locale): string {
  switch (reason.id) {
    case "nps.noData":
      return say(locale, {
        nl: "geen NPS-gegevens aangeleverd",
        en: "no NPS data delivered",
        fr: "aucune donnée NPS fournie",
      });
    case "nps.none":
      return say(locale, {
        nl: "geen NPS-antwoord in het afgelopen jaar",
        en: "no NPS answer in the past year",
        fr: "aucune réponse NPS au cours de l'année écoulée",
      });
    case "nps.answer": {
      const { latest, previous } = reason;
      const before = locale === "fr" ? "avant" : "was";
      const was = previous !== null && previous !== latest ? `, ${before} ${previous}` : "";
      return `NPS ${latest} (${npsCategoryLabel(classifyNps(latest), locale)}${was})`;
    }
  }
}
