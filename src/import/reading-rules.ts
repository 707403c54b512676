import type { RawRow, RawValue } from "./row-fields.ts";

/**
 * Two things a single value cannot tell, decided for the whole file instead:
 *
 * - Is "1.234" one thousand two hundred thirty-four, or 1.234? With no other clue it groups
 *   thousands (the README's rule: money never has three decimals). But an amount column whose other
 *   values show the decimal mark ("12,50", "1.234,56", "12.50") decides: the mark seen there is the
 *   decimal mark, the other one groups thousands.
 * - Is "12/1/2010" 12 January or 1 December? Day first (the Dutch and Belgian way) unless the file,
 *   or the caller (`--date-format MDY`, `date_format=MDY`), says month first: a date whose first
 *   number is above 12 shows day first, one whose second number is above 12 shows month first.
 *
 * The file streams by, so the decision is made from the values seen so far. A value that was read
 * with the default and is contradicted by a later value cannot be re-read: the file is refused with
 * a message that says what to do, rather than imported half one way and half the other.
 */
export type DateOrder = "DMY" | "MDY";

/** "DMY"/"MDY", also written as a pattern ("dd-mm-yyyy", "MM/DD/YYYY"); undefined for anything else. */
export function dateOrderFromText(text: string): DateOrder | undefined {
  const letters = text
    .toUpperCase()
    .replace(/[^DMY]/g, "")
    .replace(/(.)\1+/g, "$1");
  return letters === "DMY" ? "DMY" : letters === "MDY" ? "MDY" : undefined;
}

export const amountColumns = ["amount"] as const;
export const dateColumns = [
  "issued_on",
  "due_on",
  "paid_on",
  "ordered_on",
  "opened_on",
  "resolved_on",
  "occurred_on",
  "answered_on",
  "customer_since",
  "churned_at",
] as const;

export class FileReadingConflict extends Error {}

interface Seen {
  line: number;
  value: string;
}

export class ReadingRules {
  private decimalMark: { mark: "." | ","; seen: Seen } | undefined;
  /** The first amount read as thousands before the file showed its decimal mark. */
  private amountAssumed: (Seen & { separator: "." | "," }) | undefined;
  private dateOrder: { order: DateOrder; seen: Seen | undefined } | undefined;
  /** The first ambiguous date read day first before the file showed its order. */
  private dateAssumed: Seen | undefined;

  constructor(options: { dateOrder?: DateOrder | undefined } = {}) {
    if (options.dateOrder) this.dateOrder = { order: options.dateOrder, seen: undefined };
  }

  /** The row with its ambiguous values made unambiguous; throws FileReadingConflict. */
  apply(raw: RawRow, line: number): RawRow {
    let out = raw;
    for (const column of amountColumns) {
      const value = raw[column];
      if (typeof value !== "string") continue;
      const fixed = this.amount(value, line);
      if (fixed !== value) out = { ...out, [column]: fixed };
    }
    for (const column of dateColumns) {
      const value = raw[column];
      if (typeof value !== "string") continue;
      const fixed = this.date(value, line);
      if (fixed !== value) out = { ...out, [column]: fixed };
    }
    return out;
  }

  private amount(value: string, line: number): string {
    const shape = amountShape(value);
    if (shape.kind === "decides") {
      if (!this.decimalMark) {
        this.decimalMark = { mark: shape.mark, seen: { line, value } };
        const assumed = this.amountAssumed;
        if (assumed && assumed.separator === shape.mark) {
          throw new FileReadingConflict(
            `amount "${assumed.value}" on line ${assumed.line} is ambiguous: it was read as a whole number (thousands), ` +
              `but line ${line} ("${value}") shows "${shape.mark}" is this file's decimal mark. ` +
              `Write amounts with their decimals (e.g. 1234,00 or 1.234,00) so every value reads one way.`,
          );
        }
      }
      return value;
    }
    if (shape.kind !== "ambiguous") return value;
    if (!this.decimalMark) {
      this.amountAssumed ??= { line, value, separator: shape.separator };
      return value; // the default: a group of thousands
    }
    return this.decimalMark.mark === shape.separator
      ? value.replace(shape.core, `${shape.head}${shape.separator}${shape.tail}0`) // 4 decimals: read as decimals
      : value.replace(shape.core, `${shape.head}${shape.tail}`);
  }

  private date(value: string, line: number): string {
    const match = numericDate.exec(value.trim());
    if (!match) return value;
    const [, first, , second, year, rest] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const a = Number(first);
    const b = Number(second);
    const shows: DateOrder | undefined = a > 12 && b <= 12 ? "DMY" : b > 12 && a <= 12 ? "MDY" : undefined;
    if (shows && !this.dateOrder) {
      this.dateOrder = { order: shows, seen: { line, value } };
      const assumed = this.dateAssumed;
      if (assumed && shows === "MDY") {
        throw new FileReadingConflict(
          `date "${assumed.value}" on line ${assumed.line} was read day first, but line ${line} ("${value}") puts the month first. ` +
            `Import the file again with --date-format MDY (API: date_format=MDY).`,
        );
      }
    }
    if (!this.dateOrder && a <= 12 && b <= 12 && a !== b) this.dateAssumed ??= { line, value };
    if (this.dateOrder?.order !== "MDY") return value;
    // Month first: rewrite as ISO, which every date column reads without ambiguity.
    return `${year}-${first.padStart(2, "0")}-${second.padStart(2, "0")}${rest}`;
  }
}

const numericDate = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$/;

type AmountShape =
  | { kind: "decides"; mark: "." | "," }
  | { kind: "ambiguous"; separator: "." | ","; core: string; head: string; tail: string }
  | { kind: "neutral" };

const plainAmount = /^-?(\d+)(?:([.,])(\d+))?$/;

/** What an amount's digits and separators say about the decimal mark. */
export function amountShape(value: RawValue): AmountShape {
  if (typeof value !== "string") return { kind: "neutral" };
  // Fast path for the plain forms almost every export uses ("1234", "-12.50"): the same answers as the
  // general rules below, without their regular expressions and splits (an import reads millions).
  const plain = plainAmount.exec(value);
  if (plain) {
    const [, head = "", separator, tail = ""] = plain;
    if (separator === undefined) return { kind: "neutral" };
    const mark = separator as "." | ",";
    if (tail.length === 3 && head.length <= 3) {
      return { kind: "ambiguous", separator: mark, core: `${head}${mark}${tail}`, head, tail };
    }
    return { kind: "decides", mark };
  }
  const core = /\d[\d.,]*\d|\d/.exec(value.replace(/[\s\u00a0\u202f']/g, ""))?.[0];
  if (!core) return { kind: "neutral" };
  const dots = core.split(".").length - 1;
  const commas = core.split(",").length - 1;
  if (dots > 0 && commas > 0)
    return { kind: "decides", mark: core.lastIndexOf(".") > core.lastIndexOf(",") ? "." : "," };
  if (dots + commas === 0) return { kind: "neutral" };
  const separator = dots > 0 ? "." : ",";
  if (dots + commas > 1) return { kind: "decides", mark: separator === "." ? "," : "." }; // repeated: it groups
  const [head = "", tail = ""] = core.split(separator);
  if (tail.length === 3 && head.length <= 3) {
    // The core must appear in the raw text as is, to be replaced there.
    return value.includes(core) ? { kind: "ambiguous", separator, core, head, tail } : { kind: "neutral" };
  }
  // Anything else cannot be a group of thousands ("12,5", "1234,567"): the separator is the decimal mark.
  return { kind: "decides", mark: separator };
}
