import { defineMessages } from "../define.ts";

/**
 * Periods as typed in `/klant-kpi` and `klantpuls kpi --period` (src/domain/periods.ts), KPI
 * comparisons, and the answers to what people type their own way (names, commands).
 */
export const typedInputText = defineMessages({
  nl: {
    "periods.unknown": "Onbekende periode “{input}”.",
    "periods.future": "De periode “{input}” ligt in de toekomst.",
    "periods.badDate": "“{input}” is geen geldige datum (gebruik 31-03-2026 of 2026-03-31).",
    "periods.reversed": "De periode begint na het einde: {from} ligt na {to}.",
    "periods.forms":
      "Periodes: `Q3 2026`, `q3`, `2026-Q3`, `november`, `nov 2026`, `2026-11`, `2026`, `vorige maand`, `vorig kwartaal`, `vorig jaar`, `deze maand`, `dit kwartaal`, `dit jaar`, `90d`, `12m`, `01-01-2026..31-03-2026`, `2026-11-03`.",
    "kpi.runningVsPrevious": "t/m {to}, vergeleken met {previous} (even lang deel van de vorige periode)",
    "kpi.noHistory": "— (geen scores van toen)",
    "kpi.expectedLoss": "Verwacht verlies (omzet × kans op vertrek)",
    "kpi.whatIf": "Als de churn onder de risicoklanten daalt van {from} naar {to}, blijft {kept} behouden.",
    "health.didYouMean": "Bedoel je {name}?",
    "health.moreMatches": "+{count} meer — typ meer letters",
    "commands.didYouMean": "Onbekend commando “{name}” — bedoelde je {suggestion}?",
    "kpi.vsPreviousUnknown": "vorige periode: —, geen scores van toen",
  },
  en: {
    "periods.unknown": "Unknown period “{input}”.",
    "periods.future": "The period “{input}” lies in the future.",
    "periods.badDate": "“{input}” is not a valid date (use 2026-03-31 or 31-03-2026).",
    "periods.reversed": "The period starts after it ends: {from} is after {to}.",
    "periods.forms":
      "Periods: `Q3 2026`, `q3`, `2026-Q3`, `november`, `nov 2026`, `2026-11`, `2026`, `last month`, `last quarter`, `last year`, `this month`, `this quarter`, `this year`, `90d`, `12m`, `2026-01-01..2026-03-31`, `2026-11-03`.",
    "kpi.runningVsPrevious": "through {to}, compared with {previous} (the same part of the previous period)",
    "kpi.noHistory": "— (no scores from then)",
    "kpi.expectedLoss": "Expected loss (revenue × chance of leaving)",
    "kpi.whatIf": "If churn among the at-risk customers falls from {from} to {to}, {kept} stays.",
    "health.didYouMean": "Did you mean {name}?",
    "health.moreMatches": "+{count} more — type more letters",
    "commands.didYouMean": "Unknown command “{name}” — did you mean {suggestion}?",
    "kpi.vsPreviousUnknown": "previous period: —, no scores from then",
  },
  fr: {
    "periods.unknown": "Période inconnue « {input} ».",
    "periods.future": "La période « {input} » est dans le futur.",
    "periods.badDate": "« {input} » n'est pas une date valide (utilisez 31-03-2026 ou 2026-03-31).",
    "periods.reversed": "La période commence après sa fin : {from} est après {to}.",
    "periods.forms":
      "Périodes : `T3 2026`, `t3`, `2026-T3`, `3e trimestre`, `novembre`, `nov. 2026`, `2026-11`, `2026`, `le mois dernier`, `le trimestre dernier`, `l'année dernière`, `ce mois-ci`, `ce trimestre`, `cette année`, `90j`, `12 mois`, `01/01/2026 au 31/03/2026`, `2026-11-03`.",
    "kpi.runningVsPrevious":
      "jusqu'au {to}, comparé avec {previous} (la même partie de la période précédente)",
    "kpi.noHistory": "— (pas de scores de cette époque)",
    "kpi.expectedLoss": "Perte attendue (chiffre d'affaires × probabilité de départ)",
    "kpi.whatIf": "Si le churn parmi les clients à risque baisse de {from} à {to}, {kept} est conservé.",
    "health.didYouMean": "Vouliez-vous dire {name} ?",
    "health.moreMatches": "+{count} de plus — tapez plus de lettres",
    "commands.didYouMean": "Commande inconnue « {name} » — vouliez-vous dire {suggestion} ?",
    "kpi.vsPreviousUnknown": "période précédente : —, pas de scores de cette époque",
  },
});
