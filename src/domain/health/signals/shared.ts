import { changeVsBaseline } from "../../kpi/purchase.ts";
import type { SignalReason } from "../reasons.ts";
import type { HealthSettings } from "../settings.ts";
import type { Locale, SignalInputs } from "../types.ts";

/**
 * What every signal returns: a sub-score 0..100 (null without data) and what it found, as data; each
 * signal's module also writes that reason as a sentence (`…Text(reason, locale)`).
 */
export interface SignalScore<R extends SignalReason = SignalReason> {
  score: number | null;
  reason: R;
}

export type SignalScorer<R extends SignalReason = SignalReason> = (
  inputs: SignalInputs,
  settings: HealthSettings,
) => SignalScore<R>;

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

/** A change in % as the sentence shows it: whole, rounded away from zero at .5 (as formatPercent does). */
export function wholePercent(change: number): number {
  return Math.sign(change) * Math.round(Math.abs(change));
}

/** Recent window length as a share of the baseline window: 90/365 by default. */
export function baselineScale(settings: HealthSettings): number {
  return settings.recentWindowDays / settings.baselineWindowDays;
}

type Forms = Record<Locale, [one: string, other: string]>;

/**
 * "1 dag" / "18 dagen" / "0 jour": the plural category comes from Intl.PluralRules (French counts
 * 0 and 1 as singular); these sentences only need the "one" and "other" forms.
 */
export function count(value: number, locale: Locale, words: Forms): string {
  const [one, many] = words[locale];
  return `${value} ${isOne(value, locale) ? one : many}`;
}

/** Intl.PluralRules#select is slow next to the rest of a score: small whole numbers are looked up once. */
function isOne(value: number, locale: Locale): boolean {
  if (!Number.isInteger(value) || value < 0 || value >= PLURAL_CACHE_SIZE) {
    return pluralRules[locale].select(value) === "one";
  }
  const cache = pluralCache[locale];
  let known = cache[value];
  if (known === undefined) {
    known = pluralRules[locale].select(value) === "one" ? 1 : 0;
    cache[value] = known;
  }
  return known === 1;
}

const PLURAL_CACHE_SIZE = 4096;
const pluralCache: Record<Locale, Array<0 | 1 | undefined>> = { nl: [], en: [], fr: [] };

const pluralRules: Record<Locale, Intl.PluralRules> = {
  nl: new Intl.PluralRules("nl-NL"),
  en: new Intl.PluralRules("en-GB"),
  fr: new Intl.PluralRules("fr-BE"),
};

export const units = {
  days: { nl: ["dag", "dagen"], en: ["day", "days"], fr: ["jour", "jours"] },
  invoices: { nl: ["factuur", "facturen"], en: ["invoice", "invoices"], fr: ["facture", "factures"] },
  complaints: { nl: ["klacht", "klachten"], en: ["complaint", "complaints"], fr: ["plainte", "plaintes"] },
} satisfies Record<string, Forms>;

/** Pick the sentence for a locale; a table keeps all three next to each other. */
export function say(locale: Locale, text: Record<Locale, string>): string {
  return text[locale];
}

/** Shortest own history before the recent window worth comparing with: two months. */
const MIN_BASELINE_DAYS = 60;

/**
 * Recent orders or order revenue against the customer's own rate before the recent window, in %
 * (−40 = 40 % less, +25 = 25 % more). The baseline is the customer's ACTUAL history: the baseline window,
 * or less when the customer's first order is more recent (a 5-month-old customer is compared with its
 * 2 months before the window, not with an assumed full year). Null with fewer than `minBaselineOrders`
 * orders or less than two months of history before the window: too little to compare with.
 */
export function orderChangeVsBaseline(
  inputs: SignalInputs,
  settings: HealthSettings,
  minBaselineOrders: number,
  pick: (orders: SignalInputs["orders"]) => { recent: number; baseline: number },
): number | null {
  const baselineDays = ownBaselineDays(inputs, settings);
  if (baselineDays === null || inputs.orders.baselineCount < Math.max(1, minBaselineOrders)) return null;
  const { recent, baseline } = pick(inputs.orders);
  return changeVsBaseline({ recent, baseline, recentDays: settings.recentWindowDays, baselineDays });
}

/** Days of the customer's own order history inside the baseline window; null below two months. */
export function ownBaselineDays(inputs: SignalInputs, settings: HealthSettings): number | null {
  const first = inputs.orders.daysSinceFirstOrder;
  if (first === null) return null;
  const days = Math.min(settings.baselineWindowDays, first - settings.recentWindowDays);
  return days >= MIN_BASELINE_DAYS ? days : null;
}

/**
 * Sub-score of a purchase change that can say "better than usual" as well as worse: as usual (within
 * fineDropPercent) scores 80, growth rises to 100 at +50 %, a drop falls linearly to 0 at zeroDropPercent.
 */
export function twoSidedChangeScore(
  change: number,
  curve: { fineDropPercent: number; zeroDropPercent: number },
): number {
  if (change >= 0) return Math.round(80 + Math.min(20, (change / 50) * 20));
  const drop = -change;
  if (drop <= curve.fineDropPercent) return 80;
  return Math.round(linearScoreExact(drop, curve.fineDropPercent, curve.zeroDropPercent) * 0.8);
}
