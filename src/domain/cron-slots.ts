import { validateDetailed } from "node-cron";
import { AppError } from "../app-error.ts";
import { type WallClock, wallClock, wallClockAsUtc } from "./zoned-time.ts";

/**
 * The latest slot of a cron expression at or before an instant, in a time zone. node-cron only
 * looks forward (the next run); catch-up needs the other direction: "which slot was due last, and
 * has it run?". Field expansion is node-cron's own (`validateDetailed`), so both read an expression
 * the same way; node-cron also ANDs day-of-month with day-of-week, and so does this.
 */

interface CronFields {
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
}

const parsedCache = new Map<string, CronFields>();

/** Throws a CONFIG AppError for an expression the scheduler cannot use. */
export function parseCron(expression: string): CronFields {
  const cached = parsedCache.get(expression);
  if (cached) return cached;
  const result = validateDetailed(expression);
  if (!result.valid || !result.fields) {
    const problems = result.errors.map((error) => `${error.field}: ${error.message}`).join("; ");
    throw new AppError("CONFIG", `invalid cron expression "${expression}": ${problems}`);
  }
  const { fields } = result;
  const numbers = (values: Array<number | string>, field: string): number[] =>
    values.map((value) => {
      if (typeof value !== "number") {
        throw new AppError(
          "CONFIG",
          `cron expression "${expression}": ${field} "${value}" is not supported by the scheduler (use plain days)`,
        );
      }
      return value;
    });
  const desc = (values: number[]) => [...new Set(values)].sort((a, b) => b - a);
  const parsed: CronFields = {
    seconds: desc(fields.second),
    minutes: desc(fields.minute),
    hours: desc(fields.hour),
    daysOfMonth: new Set(numbers(fields.dayOfMonth, "day of month")),
    months: new Set(fields.month),
    daysOfWeek: new Set(numbers(fields.dayOfWeek, "day of week").map((day) => day % 7)),
  };
  parsedCache.set(expression, parsed);
  return parsed;
}

/** How far back to look; a yearly job is the longest period supported. */
const LOOKBACK_DAYS = 400;

/**
 * The latest instant ≤ `now` that matches `expression` in `timeZone`, or null when none within
 * ~13 months. Local times that do not exist (the hour skipped when summer time starts) are skipped,
 * like node-cron does.
 */
export function latestSlot(expression: string, timeZone: string, now: Date): Date | null {
  const cron = parseCron(expression);
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const today = wallClock(nowMs, timeZone);
  let day = { year: today.year, month: today.month, day: today.day };
  for (let back = 0; back <= LOOKBACK_DAYS; back += 1) {
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    if (cron.months.has(day.month) && cron.daysOfMonth.has(day.day) && cron.daysOfWeek.has(weekday)) {
      const found = latestOnDay(cron, day, back === 0 ? today : undefined, nowMs, timeZone);
      if (found !== null) return new Date(found);
    }
    const previous = new Date(Date.UTC(day.year, day.month - 1, day.day - 1));
    day = { year: previous.getUTCFullYear(), month: previous.getUTCMonth() + 1, day: previous.getUTCDate() };
  }
  return null;
}

function latestOnDay(
  cron: CronFields,
  day: { year: number; month: number; day: number },
  upTo: WallClock | undefined,
  nowMs: number,
  timeZone: string,
): number | null {
  for (const hour of cron.hours) {
    // Later hours of today have not come yet (pruning only; the instant check below decides).
    if (upTo && hour > upTo.hour) continue;
    for (const minute of cron.minutes) {
      if (upTo && hour === upTo.hour && minute > upTo.minute) continue;
      for (const second of cron.seconds) {
        const instant = localToInstant({ ...day, hour, minute, second }, timeZone);
        if (instant !== null && instant <= nowMs) return instant;
      }
    }
  }
  return null;
}

/** The instant a wall-clock time happens in a time zone, or null when it does not exist (DST gap). */
export function localToInstant(parts: WallClock, timeZone: string): number | null {
  const wall = wallClockAsUtc(parts);
  const offset = (instant: number) => wallClockAsUtc(wallClock(instant, timeZone)) - instant;
  let instant = wall - offset(wall);
  const second = offset(instant);
  if (wall - second !== instant) instant = wall - second;
  return wallClockAsUtc(wallClock(instant, timeZone)) === wall ? instant : null;
}
