import { daysInMonth, isIsoDate } from "../domain/dates.ts";

/**
 * Parsers for the values real ERP and Excel exports contain. Each returns `{ ok: true, value }` or
 * `{ ok: false, reason }` with a reason a person can act on; none of them throws.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Largest amount that fits the `amount_cents` INTEGER column: € 21,474,836.47. */
export const MAX_CENTS = 2_147_483_647;

// Currency signs and codes that exports put before or after amounts, and the spaces Excel uses to group digits.
const currencyPattern = /€|\$|£|\b(?:EUR|USD|GBP)\b|[\s\u00a0\u202f']/gi;

interface LocaleNumber {
  negative: boolean;
  integer: string;
  fraction: string;
}

/**
 * Reads "1.234,56", "1,234.56", "1234,5", "€ 12,50-", "(12,50)", "EUR 1 234,00", "€ 2.010,-".
 * Separators: when both "." and "," occur, the last one is the decimal mark. When only one occurs
 * once and is followed by exactly three digits with at most three before it ("1.234", "12,500"),
 * it groups thousands — money never has three decimals here; otherwise it is the decimal mark.
 */
export function parseLocaleNumber(input: string): Parsed<LocaleNumber> {
  let text = input.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(currencyPattern, "");
  // Dutch whole-euro notation: "€ 2.010,-" (or ",--", ",—") is 2010 euros, not a credit of 201,000.
  text = text.replace(/[.,][-–—]{1,2}$/, "");
  if (text.startsWith("-") || text.startsWith("+")) {
    negative = negative || text.startsWith("-");
    text = text.slice(1);
  } else if (text.endsWith("-")) {
    // SAP and some Dutch accounting exports write credit amounts as "12,50-".
    negative = true;
    text = text.slice(0, -1);
  }
  text = text.replace(currencyPattern, "");
  if (!/^\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return fail("is not a number");
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let integer: string;
  let fraction = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    const group = decimalAt === lastDot ? "," : ".";
    const head = text.slice(0, decimalAt);
    if (head.includes(text[decimalAt]!)) return fail("has the decimal mark more than once");
    if (!isGrouped(head, group)) return fail("has misplaced thousands separators");
    integer = head.split(group).join("");
    fraction = text.slice(decimalAt + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const parts = text.split(sep);
    if (parts.length > 2 || /^\d{1,3}[.,]\d{3}$/.test(text)) {
      if (!isGrouped(text, sep)) return fail("has misplaced thousands separators");
      integer = parts.join("");
    } else {
      integer = parts[0] ?? "";
      fraction = parts[1] ?? "";
    }
  } else {
    integer = text;
  }
  if (!/^\d*$/.test(fraction) || (integer === "" && fraction === "")) return fail("is not a number");
  return ok({ negative, integer: integer === "" ? "0" : integer, fraction });
}

function isGrouped(text: string, sep: string): boolean {
  const groups = text.split(sep);
  if (groups.length === 1) return /^\d+$/.test(text);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** An amount in euros (or any currency, signs stripped) as integer cents, rounded half away from zero. */
export function parseAmountCents(input: string | number): Parsed<number> {
  if (typeof input === "string") {
    const cents = plainCents(input);
    if (cents !== undefined) return ok(cents);
  } else {
    if (!Number.isFinite(input)) return fail("is not a number");
    // Via text, so 1.005 rounds like the printed value does and not like its binary approximation.
    return parseAmountCents(input.toFixed(6));
  }
  const parsed = parseLocaleNumber(input);
  if (!parsed.ok) return fail(`${parsed.reason} (expected an amount like 1234,56 or 1.234,56)`);
  const { negative, integer, fraction } = parsed.value;
  const cents =
    Number(integer) * 100 + Number(`${fraction}00`.slice(0, 2)) + (Number(fraction[2] ?? "0") >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return fail("is too large (at most 21.474.836,47)");
  return ok(negative && cents !== 0 ? -cents : cents);
}

/**
 * The common case of a million-row file without the general parser: unsigned digits with "." or ","
 * and one or two decimals ("1234", "1234.5", "1234,56"). With one or two digits after it, a single
 * separator can only be the decimal mark, so this gives what `parseLocaleNumber` gives. Anything
 * else (signs, currency, grouping, three decimals, spaces) returns undefined for the general path.
 */
function plainCents(text: string): number | undefined {
  const length = text.length;
  let integer = 0;
  let i = 0;
  for (; i < length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    integer = integer * 10 + digit;
  }
  // At most 8 integer digits: always below 2^53 and easily checked against MAX_CENTS.
  if (i === 0 || i > 8) return undefined;
  let cents = integer * 100;
  if (i < length) {
    const separator = text.charCodeAt(i);
    if ((separator !== 46 && separator !== 44) || length - i - 1 < 1 || length - i - 1 > 2) return undefined;
    const tens = text.charCodeAt(i + 1) - 48;
    const ones = length - i - 1 === 2 ? text.charCodeAt(i + 2) - 48 : 0;
    if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return undefined;
    cents += tens * 10 + ones;
  }
  return cents > MAX_CENTS ? undefined : cents;
}

/** A whole number; "1.000" is a thousand, "3,0" is three, "2,5" is refused. */
export function parseWholeNumber(input: string | number): Parsed<number> {
  if (typeof input === "number") {
    return Number.isSafeInteger(input) ? ok(input) : fail("is not a whole number");
  }
  const parsed = parseLocaleNumber(input);
  if (!parsed.ok) return fail(`${parsed.reason} (expected a whole number)`);
  const { negative, integer, fraction } = parsed.value;
  if (/[1-9]/.test(fraction)) return fail("is not a whole number");
  const value = Number(integer);
  if (!Number.isSafeInteger(value) || value > 2_147_483_647) return fail("is too large");
  return ok(negative && value !== 0 ? -value : value);
}

const isoPattern = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/;
const dayFirstPattern = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/;
// Excel and ERP exports often add a time ("2026-01-05 00:00:00", "05-01-2026 0:00"); it is ignored.
const timeSuffix = /^(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A calendar date as ISO `YYYY-MM-DD`. Accepts `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY` and `DD.MM.YYYY`
 * (always day first, as in the Netherlands and Belgium), with an optional time that is ignored.
 */
export function parseDate(input: string): Parsed<string> {
  const plain = plainIsoDate(input);
  if (plain !== undefined) return ok(plain);
  const text = input.trim();
  let year: string;
  let month: string;
  let day: string;
  let rest: string;
  const iso = isoPattern.exec(text);
  const dayFirst = iso ? null : dayFirstPattern.exec(text);
  if (iso) {
    [, year, month, day] = iso as unknown as [string, string, string, string];
    rest = text.slice(iso[0].length);
  } else if (dayFirst) {
    [, day, month, year] = dayFirst as unknown as [string, string, string, string];
    rest = text.slice(dayFirst[0].length);
  } else {
    return fail("is not a date (use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY)");
  }
  if (!timeSuffix.test(rest)) return fail("is not a date (use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY)");
  const value = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (!isIsoDate(value)) return fail("is not an existing calendar date");
  if (value < "1900-01-01" || value > "2999-12-31") return fail("is out of range");
  return ok(value);
}

/**
 * The common case without regular expressions: exactly `YYYY-MM-DD`, an existing date within range.
 * Anything else returns undefined and goes through `parseDate`'s general path (which also words the
 * reason), so this accepts exactly what that path accepts for such text.
 */
function plainIsoDate(text: string): string | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    year = year * 10 + digit;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  return day > daysInMonth(year, month) ? undefined : text;
}
