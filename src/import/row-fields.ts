import { z } from "zod";
import { parseAmountCents, parseDate, parseWholeNumber } from "./values.ts";

/**
 * The building blocks of the row schemas: one field schema per kind of cell (text, date, amount,
 * whole number, e-mail, a choice of words), each with its plain parse function kept for the fast
 * path, and the report of a rule between columns. Empty cells count as absent.
 */
export type RawValue = string | number | boolean | null | undefined;
export type RawRow = Record<string, RawValue>;

function blank(value: RawValue): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function asText(value: RawValue): string {
  return typeof value === "string" ? value.trim() : String(value);
}

type FieldParse = (value: RawValue) => { ok: true; value: unknown } | { ok: false; reason: string };

/** The plain parse function behind each field schema, for the fast path of `validateRow`. */
export const fieldParsers = new WeakMap<z.ZodType, FieldParse>();

function field<T>(parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string }) {
  const schema = z
    .unknown()
    .optional()
    .transform((value: unknown, ctx) => {
      const result = parse(value as RawValue);
      if (result.ok) return result.value;
      ctx.addIssue({ code: "custom", message: result.reason, input: value });
      return z.NEVER;
    });
  fieldParsers.set(schema, parse);
  return schema;
}

/** A rule between columns of one row (a date before another); `column` is the one reported. */
export interface RowProblem {
  column: string;
  message: string;
  input: unknown;
}

export function reportProblems(ctx: { issues: unknown[] }, problems: RowProblem[]): void {
  for (const problem of problems) {
    (ctx.issues as Array<Record<string, unknown>>).push({
      code: "custom",
      message: problem.message,
      path: [problem.column],
      input: problem.input,
    });
  }
}

export const required = <T>(
  parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string },
) => field<T>((value) => (blank(value) ? { ok: false, reason: "is required" } : parse(value)));

export const optional = <T>(
  parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string },
) => field<T | null>((value) => (blank(value) ? { ok: true, value: null } : parse(value)));

/** PostgreSQL text cannot hold a NUL character; in an export it is damage, so the row is refused. */
const nulReason = "contains a NUL character (byte 0); remove it from the export";

export const textOf =
  (max: number) =>
  (value: RawValue): { ok: true; value: string } | { ok: false; reason: string } => {
    const text = asText(value).replace(/\s+/g, " ");
    if (text.includes("\u0000")) return { ok: false, reason: nulReason };
    return text.length > max
      ? { ok: false, reason: `is longer than ${max} characters` }
      : { ok: true, value: text };
  };

export const dateOf = (value: RawValue) =>
  typeof value === "string" ? parseDate(value) : { ok: false as const, reason: "is not a date" };
export const amountOf = (value: RawValue) =>
  typeof value === "string" || typeof value === "number"
    ? parseAmountCents(value)
    : { ok: false as const, reason: "is not an amount" };
export const wholeIn =
  (min: number, max: number) =>
  (value: RawValue): { ok: true; value: number } | { ok: false; reason: string } => {
    if (typeof value !== "string" && typeof value !== "number")
      return { ok: false, reason: "is not a whole number" };
    const parsed = parseWholeNumber(value);
    if (!parsed.ok) return parsed;
    return parsed.value < min || parsed.value > max
      ? { ok: false, reason: `must be between ${min} and ${max}` }
      : parsed;
  };

/** Case-, accent- and punctuation-insensitive choice from a list of accepted words. */
export const oneOf =
  <T extends string | number>(words: Record<string, T>, expected: string) =>
  (value: RawValue): { ok: true; value: T } | { ok: false; reason: string } => {
    const key = asText(value)
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^a-z0-9]/g, "");
    const found = words[key];
    return found !== undefined
      ? { ok: true, value: found }
      : { ok: false, reason: `is not one of ${expected}` };
  };

export const emailOf = (value: RawValue): { ok: true; value: string } | { ok: false; reason: string } => {
  const text = asText(value).toLowerCase();
  if (text.includes("\u0000")) return { ok: false, reason: nulReason };
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 320
    ? { ok: true, value: text }
    : { ok: false, reason: "is not an e-mail address" };
};
