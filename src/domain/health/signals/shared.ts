import { changeVsBaseline } from "../../kpi/purchase.ts";
import type { HealthSettings } from "../settings.ts";
import type { Locale, LocalizedText, SignalInputs } from "../types.ts";

/** What every signal returns: a sub-score 0..100 (null without data) and one sentence per locale. */
export interface SignalScore {
  score: number | null;
  reason: LocalizedText;
}

export type SignalScorer = (inputs: SignalInputs, settings: HealthSettings) => SignalScore;

/**
 * Linear between a "fine" value (100) and a "zero" value (0), clamped to 0..100 and rounded.
 * Works in both directions: fine < zero for "more is worse" (days late), fine > zero for "more is better" (NPS).
 */
export function linearScore(value: number, fine: number, zero: number): number {
  return Math.round(linearScoreExact(value, fine, zero));
}

export function linearScoreExact(value: number, fine: number, zero: number): number {
  const share = (value - zero) / (fine - zero);
  return Math.min(1, Math.max(0, share)) * 100;
}

/** Recent window length as a share of the baseline window: 90/365 by default. */
export function baselineScale(settings: HealthSettings): number {
  return settings.recentWindowDays / settings.baselineWindowDays;
}

/** "1 dag" / "18 dagen": Dutch and English both only need singular vs plural here. */
export function count(
  value: number,
  locale: Locale,
  words: { nl: [string, string]; en: [string, string] },
): string {
  const [one, many] = words[locale];
  return `${value} ${value === 1 ? one : many}`;
}

export const units = {
  days: { nl: ["dag", "dagen"], en: ["day", "days"] },
  invoices: { nl: ["factuur", "facturen"], en: ["invoice", "invoices"] },
  complaints: { nl: ["klacht", "klachten"], en: ["complaint", "complaints"] },
} satisfies Record<string, { nl: [string, string]; en: [string, string] }>;

export function both(build: (locale: Locale) => string): LocalizedText {
  return { nl: build("nl"), en: build("en") };
}

/**
 * Recent orders or order revenue against the customer's own baseline rate, in % (−40 = 40 % less);
 * null when the baseline has fewer than `minBaselineOrders` orders, too few to compare with.
 */
export function orderChangeVsBaseline(
  inputs: SignalInputs,
  settings: HealthSettings,
  minBaselineOrders: number,
  pick: (orders: SignalInputs["orders"]) => { recent: number; baseline: number },
): number | null {
  if (inputs.orders.baselineCount < minBaselineOrders) return null;
  return changeVsBaseline({
    ...pick(inputs.orders),
    recentDays: settings.recentWindowDays,
    baselineDays: settings.baselineWindowDays,
  });
}
