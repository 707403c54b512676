import { defineMessages } from "../define.ts";

/** The score's track record, shown in App Home, `/klant-kpi`, `klantpuls kpi` and the digest. */
export const trackRecordText = defineMessages({
  nl: {
    "trackRecord.line":
      "Trefzekerheid: van de klanten die de score op risico zette, vertrok {atRisk} binnen {days} dagen; van de gezonde {healthy} (teruggerekend op {dates} datums, {period}).",
    "trackRecord.none":
      "Trefzekerheid: nog niet teruggerekend — dat gebeurt 's nachts zodra er genoeg historie is (of nu met klantpuls backtest).",
  },
  en: {
    "trackRecord.line":
      "Track record: of the customers the score put at risk, {atRisk} left within {days} days; of the healthy ones {healthy} (replayed on {dates} dates, {period}).",
    "trackRecord.none":
      "Track record: not replayed yet — that happens overnight once there is enough history (or now with klantpuls backtest).",
  },
  fr: {
    "trackRecord.line":
      "Fiabilité : parmi les clients que le score classait à risque, {atRisk} sont partis en {days} jours ; parmi les sains, {healthy} ({dates} dates rejouées, {period}).",
    "trackRecord.none":
      "Fiabilité : pas encore rejouée — cela se fait la nuit dès que l'historique suffit (ou tout de suite avec klantpuls backtest).",
  },
});
