/**
 * Complaints. Sub-score: 100 minus pointsPerComplaint (20) per complaint opened in the recent window,
 * pointsPerOpen (10) extra per complaint still open (any age) and pointsPerHighSeverity (20) extra per
 * severe one, clamped to 0..100. Example: 2 complaints, 1 open → 100 − 40 − 10 = 50.
 *
 * No complaints is data, not missing data: it scores 100. The sentence names the shortest window that
 * holds all recent complaints ("in 60 dagen" when they are all that recent).
 */
import type { Locale } from "../types.ts";
import { both, count, type SignalScorer, units } from "./shared.ts";

export const scoreComplaints: SignalScorer = (inputs, settings) => {
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
  const nl = locale === "nl";
  if (c.recentCount === 0) {
    const none = nl
      ? `geen klachten in ${recentWindowDays} dagen`
      : `no complaints in ${recentWindowDays} days`;
    if (c.openCount === 0) return none;
    return nl ? `${none}, ${c.openCount} nog open` : `${none}, ${c.openCount} still open`;
  }
  const window = c.last60Count === c.recentCount && recentWindowDays > 60 ? 60 : recentWindowDays;
  const parts = [`${count(c.recentCount, locale, units.complaints)} in ${window} ${nl ? "dagen" : "days"}`];
  if (c.openCount > 0) parts.push(`${c.openCount} open`);
  if (c.recentHighSeverity > 0) parts.push(`${c.recentHighSeverity} ${nl ? "ernstig" : "severe"}`);
  return parts.join(", ");
}
