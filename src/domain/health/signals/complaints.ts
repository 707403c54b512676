/**
 * Complaints. Sub-score: 100 minus pointsPerComplaint (20) per complaint opened in the recent window,
 * pointsPerOpen (10) extra per complaint still open (any age) and pointsPerHighSeverity (20) extra per
 * severe one, clamped to 0..100. Example: 2 complaints, 1 open → 100 − 40 − 10 = 50.
 *
 * No complaints is data when the company delivers a complaints register: it scores 100. Without any
 * complaints data in the book the signal has no data (a missing feed is not a clean record). The sentence names the shortest window that
 * holds all recent complaints ("in 60 dagen" when they are all that recent).
 */
import type { Locale } from "../types.ts";
import { both, count, type SignalScorer, say, units } from "./shared.ts";

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

export const scoreComplaints: SignalScorer = (inputs, settings) => {
  if (!inputs.sources.complaints) {
    return {
      score: null,
      reason: {
        nl: "geen klachtenregistratie aangeleverd",
        en: "no complaints data delivered",
        fr: "aucun registre de plaintes fourni",
      },
    };
  }
  const c = inputs.complaints;
  const points = settings.signals.complaints;
  const penalty =
    c.recentCount * points.pointsPerComplaint +
    c.openCount * points.pointsPerOpen +
    c.recentHighSeverity * points.pointsPerHighSeverity;
  return {
    score: Math.round(Math.max(0, 100 - penalty)),
    reason: both((locale) => sentence(c, settings.recentWindowDays, locale)),
  };
};

function sentence(
  c: { recentCount: number; last60Count: number; openCount: number; recentHighSeverity: number },
  recentWindowDays: number,
  locale: Locale,
): string {
  if (c.recentCount === 0) {
    const none = say(locale, {
      nl: `geen klachten in ${recentWindowDays} dagen`,
      en: `no complaints in ${recentWindowDays} days`,
      fr: `aucune plainte en ${recentWindowDays} jours`,
    });
    if (c.openCount === 0) return none;
    return `${none}, ${count(c.openCount, locale, stillOpenForms)}`;
  }
  const window = c.last60Count === c.recentCount && recentWindowDays > 60 ? 60 : recentWindowDays;
  const complaints = count(c.recentCount, locale, units.complaints);
  const parts = [
    say(locale, {
      nl: `${complaints} in ${window} dagen`,
      en: `${complaints} in ${window} days`,
      fr: `${complaints} en ${window} jours`,
    }),
  ];
  if (c.openCount > 0) {
    parts.push(count(c.openCount, locale, openForms));
  }
  if (c.recentHighSeverity > 0) {
    parts.push(count(c.recentHighSeverity, locale, severeForms));
  }
  return parts.join(", ");
}
