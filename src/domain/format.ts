/**
 * Locale-aware formatting shared by every renderer (Block Kit, Adaptive Card, text) and by the
 * sentences the health signals write. Hand-rolled rather than Intl so the output is byte-for-byte the
 * same on every Node/ICU build and tests can compare strings.
 *
 * Dutch: "€ 1.234", "45 %", decimal comma. English: "€1,234", "45%", decimal point.
 * French (Belgium) as CLDR writes fr-BE: "1 234 €", "45 %", decimal comma, with a narrow no-break
 * space (U+202F) between digit groups and before "%", a no-break space (U+00A0) before "€".
 * Negative numbers use the real minus sign (U+2212), not a hyphen. Other spaces are plain ASCII spaces.
 */
import { splitDate } from "./dates.ts";
import type { HealthBand, Locale } from "./health/types.ts";

export const MINUS = "\u2212";
/** Narrow no-break space: French digit groups and "45 %". */
export const NNBSP = "\u202f";
/** No-break space: French "1 234 €". */
export const NBSP = "\u00a0";

const separators: Record<Locale, { group: string; decimal: string }> = {
  nl: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
  fr: { group: NNBSP, decimal: "," },
};

/** A number with grouping and `decimals` fixed decimals: nl "1.234,5", en "1,234.5". Never "−0". */
export function formatNumber(value: number, locale: Locale, decimals = 0): string {
  // One toFixed per number: scoring formats ~20 numbers per customer, and toFixed dominated that.
  const fixed = Math.abs(value).toFixed(decimals);
  const unsigned = groupDigits(fixed, locale);
  return value < 0 && !isZeroText(fixed) ? `${MINUS}${unsigned}` : unsigned;
}

export interface MoneyOptions {
  /** Show cents: "€ 1.234,56". Default: whole euros. */
  cents?: boolean;
  /** Shorten large amounts for tight spaces: "€ 45k", "€ 1,2 mln" (en "€45k", "€1.2M", fr "45 k €", "1,2 M €"). Below € 10.000 stays exact. */
  compact?: boolean;
}

/** An ISO 4217 code: EUR, USD, GBP, CHF, … */
export const currencyCode = /^[A-Z]{3}$/;

/** Symbols people write for the common codes; any other currency is written with its code. */
const currencySymbols: Record<string, string> = { EUR: "€", USD: "$", GBP: "£", JPY: "¥" };

/**
 * The company's currency, set once at start-up from KLANTPULS_CURRENCY (default EUR). Like the
 * company's time zone it never varies within a process, and money is formatted wherever a locale is
 * — in stored signal sentences, every view and the CLI — so it is configured here once rather than
 * threaded as a parameter through every renderer.
 */
let companyCurrency = "EUR";

export function useCurrency(code: string): void {
  if (!currencyCode.test(code)) throw new Error(`not an ISO 4217 currency code: ${code}`);
  companyCurrency = code;
}

export function configuredCurrency(): string {
  return companyCurrency;
}

/**
 * Money is integer cents (hundredths of the currency) everywhere; this is the only place it becomes
 * an amount. nl "€ 1.234", "CHF 1.234"; en "€1,234", "CHF 1,234"; fr "1 234 €", "1 234 CHF".
 */
export function formatMoney(cents: number, locale: Locale, options: MoneyOptions = {}): string {
  const units = cents / 100;
  const decimals = options.cents ? 2 : 0;
  const body = options.compact ? compactEuros(Math.abs(units), locale) : null;
  const amount = body ?? formatUnsigned(Math.abs(units), locale, decimals);
  const negative = body ? units < 0 : isNegativeAfterRounding(units, decimals);
  const sign = negative ? MINUS : "";
  const symbol = currencySymbols[companyCurrency];
  if (locale === "fr") return `${sign}${amount}${NBSP}${symbol ?? companyCurrency}`;
  if (!symbol) return `${sign}${companyCurrency}${NBSP}${amount}`;
  return `${sign}${locale === "nl" ? `${symbol} ` : symbol}${amount}`;
}

const compactUnits: Record<Locale, { size: number; suffix: string; decimals: number }[]> = {
  nl: [
    { size: 1e9, suffix: " mld", decimals: 1 },
    { size: 1e6, suffix: " mln", decimals: 1 },
    { size: 1e3, suffix: "k", decimals: 0 },
  ],
  en: [
    { size: 1e9, suffix: "B", decimals: 1 },
    { size: 1e6, suffix: "M", decimals: 1 },
    { size: 1e3, suffix: "k", decimals: 0 },
  ],
  fr: [
    { size: 1e9, suffix: `${NBSP}Md`, decimals: 1 },
    { size: 1e6, suffix: `${NBSP}M`, decimals: 1 },
    { size: 1e3, suffix: `${NBSP}k`, decimals: 0 },
  ],
};

function compactEuros(euros: number, locale: Locale): string | null {
  if (euros < 10_000) return null;
  const units = compactUnits[locale];
  for (const [index, unit] of units.entries()) {
    if (euros < unit.size) continue;
    const rounded = roundTo(euros / unit.size, unit.decimals);
    // 999.999 rounds to "1000k": promote to the next unit up instead.
    const larger = units[index - 1];
    if (rounded >= 1000 && larger) return formatCompact(euros / larger.size, larger, locale);
    return formatCompact(euros / unit.size, unit, locale);
  }
  return null;
}

function formatCompact(value: number, unit: { suffix: string; decimals: number }, locale: Locale): string {
  const text = formatUnsigned(value, locale, unit.decimals);
  const trimmed = text.replace(new RegExp(`\\${separators[locale].decimal}0+$`), "");
  return `${trimmed}${unit.suffix}`;
}

export interface PercentOptions {
  decimals?: number;
  /** Always show the sign: "+12 %", "−38 %", "0 %". */
  signed?: boolean;
}

/** `value` is already a percentage: 45 means 45 %. nl "45 %", en "45%", fr "45 %" (narrow no-break space). */
export function formatPercent(value: number, locale: Locale, options: PercentOptions = {}): string {
  const decimals = options.decimals ?? 0;
  const number = options.signed
    ? formatDelta(value, locale, { decimals })
    : formatNumber(value, locale, decimals);
  if (locale === "fr") return `${number}${NNBSP}%`;
  return locale === "nl" ? `${number} %` : `${number}%`;
}

/** A signed change: "+8", "−8", "0". Used for score points and other deltas. */
export function formatDelta(value: number, locale: Locale, options: { decimals?: number } = {}): string {
  const fixed = Math.abs(value).toFixed(options.decimals ?? 0);
  const unsigned = groupDigits(fixed, locale);
  if (isZeroText(fixed)) return unsigned;
  if (value > 0) return `+${unsigned}`;
  return value < 0 ? `${MINUS}${unsigned}` : unsigned;
}

const monthNames: Record<Locale, { long: string[]; short: string[] }> = {
  nl: {
    long: [
      "januari",
      "februari",
      "maart",
      "april",
      "mei",
      "juni",
      "juli",
      "augustus",
      "september",
      "oktober",
      "november",
      "december",
    ],
    short: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
  },
  en: {
    long: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
    short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  },
  fr: {
    long: [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre",
    ],
    short: [
      "janv.",
      "févr.",
      "mars",
      "avr.",
      "mai",
      "juin",
      "juil.",
      "août",
      "sept.",
      "oct.",
      "nov.",
      "déc.",
    ],
  },
};

export interface DateOptions {
  /** "long": "3 maart 2026" / "3 March 2026"; "short": "3 mrt 2026" / "3 Mar 2026". Default long. */
  style?: "long" | "short";
  /** Leave the year out ("3 mrt"). Default: year shown. */
  withoutYear?: boolean;
}

/** Day-month-year in every locale: British English word order reads naturally next to the Dutch and French. */
export function formatDate(iso: string, locale: Locale, options: DateOptions = {}): string {
  const { year, month, day } = splitDate(iso);
  const name = monthNames[locale][options.style ?? "long"][month - 1];
  return options.withoutYear ? `${day} ${name}` : `${day} ${name} ${year}`;
}

/** "1 jan – 31 mrt 2026"; the year is written once when both ends share it. */
export function formatDateRange(
  from: string,
  to: string,
  locale: Locale,
  style: "long" | "short" = "short",
): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = formatDate(from, locale, { style, withoutYear: sameYear });
  return `${start} – ${formatDate(to, locale, { style })}`;
}

const bandLabels: Record<HealthBand, Record<Locale, string>> = {
  HEALTHY: { nl: "gezond", en: "healthy", fr: "sain" },
  ATTENTION: { nl: "aandacht", en: "attention", fr: "attention" },
  AT_RISK: { nl: "risico", en: "at risk", fr: "à risque" },
};

export function bandLabel(band: HealthBand, locale: Locale): string {
  return bandLabels[band][locale];
}

const bandEmojis: Record<HealthBand, string> = { HEALTHY: "🟢", ATTENTION: "🟡", AT_RISK: "🔴" };

export function bandEmoji(band: HealthBand): string {
  return bandEmojis[band];
}

export type TrendDirection = "up" | "down" | "flat" | "unknown";

const trendArrows: Record<TrendDirection, string> = { up: "↗", down: "↘", flat: "→", unknown: "" };

export function trendArrow(direction: TrendDirection): string {
  return trendArrows[direction];
}

function formatUnsigned(value: number, locale: Locale, decimals: number): string {
  return groupDigits(value.toFixed(decimals), locale);
}

/** A non-negative number already written by toFixed, with the locale's group and decimal separators. */
function groupDigits(fixed: string, locale: Locale): string {
  const point = fixed.indexOf(".");
  const whole = point < 0 ? fixed : fixed.slice(0, point);
  const { group, decimal } = separators[locale];
  const grouped = whole.length <= 3 ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return point < 0 ? grouped : `${grouped}${decimal}${fixed.slice(point + 1)}`;
}

/** Whether a number written by toFixed reads as zero ("0", "0.00"): no sign to show then. */
function isZeroText(fixed: string): boolean {
  return Number(fixed) === 0;
}

function isNegativeAfterRounding(value: number, decimals: number): boolean {
  return value < 0 && roundTo(Math.abs(value), decimals) !== 0;
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/**
 * A stored sentence in the reader's language. Snapshots and alerts written before French existed
 * carry only nl and en: French readers then get the English sentence rather than nothing.
 */
export function localized(
  text: { nl: string; en: string; fr?: string | undefined } | null | undefined,
  locale: Locale,
): string {
  if (!text) return "";
  return text[locale] ?? text.en;
}
