import { type ParseArgsConfig, parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { isIsoDate } from "../domain/dates.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parse a sub-command's arguments; unknown or malformed options become a clear BAD_INPUT error
 * that shows the usage, never a stack trace.
 */
export function parseCliArgs<const O extends Options>(
  args: string[],
  options: O,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new AppError("BAD_INPUT", `${(error as Error).message}\n\nUsage: ${usage}`);
  }
}

/** Validate one option value with zod, naming the option in the message. */
export function parseOption<T>(schema: z.ZodType<T>, value: unknown, option: string, usage: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues.map((issue) => issue.message).join("; ");
  throw new AppError("BAD_INPUT", `--${option}: ${reason}\n\nUsage: ${usage}`);
}

/** A calendar date as YYYY-MM-DD; the domain's own check, so 2026-02-30 is refused here, not deep inside. */
export const isoDateOption = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine(isIsoDate, "not a real date");

/** An optional `--as-of`-style date: absent is undefined; present (even empty) must be a real date. */
export function optionalDateOption(
  value: string | undefined,
  option: string,
  usage: string,
): string | undefined {
  return value === undefined ? undefined : parseOption(isoDateOption, value, option, usage);
}

/** `{ asOf }` when a date was given, `{}` otherwise: for options objects that must not hold `undefined`. */
export function optionalAsOf(asOf: string | undefined): { asOf?: string } {
  return asOf === undefined ? {} : { asOf };
}

export const localeOption = z.enum(["nl", "en", "fr"], { message: "expected nl, en or fr" });
