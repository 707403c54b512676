/**
 * Complaints. Sub-score: 100 minus pointsPerComplaint (20) per complaint opened in the recent window,
 * pointsPerOpen (10) extra per complaint still open (any age) and pointsPerHighSeverity (20) extra per
 * severe one, clamped to 0..100. Example: 2 complaints, 1 open → 100 − 40 − 10 = 50.
 *
 * No complaints is data when the company delivers a complaints register: it scores 100. Without any
 * complaints data in the book the signal has no data (a missing feed is not a clean record). The sentence names the shortest window that
 * holds all recent complaints ("in 60 dagen" when they are all that recent).
 */
import type { ComplaintsReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { count, type SignalScorer, say, units } from "./shared.ts";

// Adjectives agree with "plainte" in French only; Dutch and English keep one form.
const openForms = {
  nl: ["open", "open"],
  en: ["open", "open"],
  fr: ["ouverte", "ouvertes"],
} satisfies Record<Locale, [string, string]>;
const stillOpenForms = {
  nl: ["nog open", "nog open"],
  en: ["still open", "still open"],
  fr: ["encore ouverte", "encore ouvertes"],
} satisfies Record<Locale, [string, string]>;
const severeForms = {
  nl: ["ernstig", "ernstig"],
  en: ["severe", "severe"],
  fr: ["grave", "graves"],
} satisfies Record<Locale, [string, string]>;

export const scoreComplaints: SignalScorer<ComplaintsReason> = (inputs, settings) => {
  if (!inputs.sources.complaints) return { score: null, reason: { id: "complaints.noData" } };
  const c = inputs.complaints;
  const points = settings.signals.complaints;
  const penalty =
    c.recentCount * points.pointsPerComplaint +
    c.openCount * points.pointsPerOpen +
    c.recentHighSeverity * points.pointsPerHighSeverity;
  return {
    score: Math.round(Math.max(0, 100 - penalty)),
    reason: {
      id: "complaints.found",
      days: settings.recentWindowDays,
      recent: c.recentCount,
      last60: c.last60Count,
      open: c.openCount,
      severe: c.recentHighSeverity,
    },
  };
};

/** "2 klachten in 60 dagen, 1 open, 1 ernstig"; "geen klachten in 90 dagen". */
export function complaintsText(reason: ComplaintsReason, locale: Locale): string {
  if (reason.id === "complaints.noData") {
    return say(locale, {
      nl: "geen klachtenregistratie aangeleverd",
      en: "no complaints data delivered",
      fr: "aucun registre de plaintes fourni",
    });
  }
  const { days, recent, last60, open, severe } = reason;
  if (recent === 0) {
    const none = say(locale, {
      nl: `geen klachten in ${days} dagen`,
      en: `no complaints in ${days} days`,
      fr: `aucune plainte en ${days} jours`,
    });
    if (open === 0) return none;
    return `${none}, ${count(open, locale, stillOpenForms)}`;
  }
  const window = last60 === recent && days > 60 ? 60 : days;
  const complaints = count(recent, locale, units.complaints);
  const parts = [
    say(locale, {
      nl: `${complaints} in ${window} dagen`,
      en: `${complaints} in ${window} days`,
      fr: `${complaints} en ${window} jours`,
    }),
  ];
  if (open > 0) parts.push(count(open, locale, openForms));
  if (severe > 0) parts.push(count(severe, locale, severeForms));
  return parts.join(", ");
}
