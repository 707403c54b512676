import { defineMessages } from "../define.ts";

/** The score's track record, shown in App Home, `/klant-kpi`, `klantpuls kpi` and the digest. */
export const trackRecordText = defineMessages({
  nl: {
    "trackRecord.line":
      "Trefzekerheid: van de klanten die de score op risico zette, vertrok {atRisk} binnen {days} dagen; van de gezonde {healthy} (teruggerekend op {dates} datums, {period}).",
    "trackRecord.none":
      "Trefzekerheid: nog niet bekend — de geschiedenis is te kort om de score op terug te rekenen.",
  },
  en: {
    "trackRecord.line":
      "Track record: of the customers the score put at risk, {atRisk} left within {days} days; of the healthy ones {healthy} (replayed on {dates} dates, {period}).",
    "trackRecord.none": "Track record: not known yet — the history is too short to replay the score on.",
  },
  fr: {
    "trackRecord.line":
      "Fiabilité : parmi les clients que le score classait à risque, {atRisk} sont partis en {days} jours ; parmi les sains, {healthy} ({dates} dates rejouées, {period}).",
    "trackRecord.none": "Fiabilité : pas encore connue — l'historique est trop court pour rejouer le score.",
  },
});
